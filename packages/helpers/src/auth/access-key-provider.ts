import { type AccessKeyCredentials, assertUsableKeys } from "./credentials.js";
import { createExpiringCache, type ProviderFetchOptions, providerSettings } from "./expiring-cache.js";
import { markedAccessKeyProvider, takesContext } from "./provider-context.js";
import type { ProviderContext } from "./resolve-credentials.js";

/**
 * Returns the access keys to sign the next request with; called before every request, so it should
 * cache (see createAccessKeyProvider). Give it as `credentials: { accessKeys: provider }`.
 * A provider may also have `invalidate`: when the gateway refuses a request signed with its keys
 * (401), the client calls it with their access key id and sends the request once more.
 */
export type AccessKeyProvider = ((context?: ProviderContext) => AccessKeyCredentials | Promise<AccessKeyCredentials>) & {
  /**
   * The gateway refused the keys with access key id `ak`: stop handing them out (temporary keys
   * revoked before their expiry, say). Return false when the next call would get the same keys
   * again (then the request is not sent once more); nothing or true sends it again.
   */
  invalidate?: (ak: string) => boolean | undefined;
};

/** Temporary access keys and when they stop working, as a key source hands them out. */
export interface TemporaryAccessKeys extends AccessKeyCredentials {
  readonly expiresAt: Date;
}

export interface CachingAccessKeyProviderOptions extends ProviderFetchOptions {
  /** Fetch new keys, e.g. fetchEcsAccessKeys (the ECS metadata service). */
  fetchKeys: (context: { signal: AbortSignal }) => Promise<TemporaryAccessKeys>;
  /**
   * Fetch new keys this long before the current ones expire (default 5 minutes; at half their life
   * when that is later). The ECS metadata service hands out new keys 10 minutes before the old ones
   * expire, so this finds them there.
   */
  refreshBeforeMs?: number | undefined;
}

/**
 * An access key provider for temporary keys: caches them, fetches new ones before they expire, and
 * lets concurrent callers share one fetch. Keys that have not expired yet are handed out at once
 * while new ones are fetched in the background (a slow or failing fetch delays no call), so signing
 * stays synchronous until the cached keys expire. Keys the gateway refused
 * (`invalidate`, which the client calls on a 401) are not used again, unless they were fetched in
 * the last 30 seconds.
 */
export function createAccessKeyProvider(options: CachingAccessKeyProviderOptions): AccessKeyProvider {
  const cache = createExpiringCache<TemporaryAccessKeys>({
    fetch: options?.fetchKeys,
    fetchField: "fetchKeys",
    shape: "{ ak, sk, securityToken?, expiresAt }",
    // The checks the client applies at each call: keys that would be refused there are not cached.
    check: (value, field) => assertUsableKeys(value, field),
    ...providerSettings(options, 5 * 60 * 1000, "fetchKeys"),
    label: "access key refresh: no keys",
  });
  const provider: AccessKeyProvider = takesContext((context?: ProviderContext) => cache.get(context));
  provider.invalidate = (ak) => cache.dropRefused((held) => held.ak === ak);
  return markedAccessKeyProvider(provider);
}
