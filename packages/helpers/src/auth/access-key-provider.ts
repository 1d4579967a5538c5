import { type AccessKeyCredentials, assertAccessKeyCredentials } from "./credentials.js";
import { createExpiringCache, type ProviderFetchOptions, providerSettings } from "./expiring-cache.js";

/**
 * Returns the access keys to sign the next request with; called before every request, so it should
 * cache (see createAccessKeyProvider). Give it as `credentials: { accessKeys: provider }`.
 */
export type AccessKeyProvider = () => AccessKeyCredentials | Promise<AccessKeyCredentials>;

/** Temporary access keys and when they stop working, as a key source hands them out. */
export interface TemporaryAccessKeys extends AccessKeyCredentials {
  readonly expiresAt: Date;
}

export interface CachingAccessKeyProviderOptions extends ProviderFetchOptions {
  /** Fetch new keys, e.g. fetchEcsAccessKeys (the ECS metadata service). */
  fetchKeys: (context: { signal: AbortSignal }) => Promise<TemporaryAccessKeys>;
  /**
   * Fetch new keys this long before the current ones expire (default 5 minutes). The ECS metadata
   * service hands out new keys 10 minutes before the old ones expire, so this finds them there.
   */
  refreshBeforeMs?: number;
}

/**
 * An access key provider for temporary keys: caches them, fetches new ones before they expire, and
 * lets concurrent callers share one fetch. While a fetch fails, keys that have not expired yet are
 * still used. Signing stays synchronous while the cached keys are fresh.
 */
export function createAccessKeyProvider(options: CachingAccessKeyProviderOptions): AccessKeyProvider {
  const cache = createExpiringCache<TemporaryAccessKeys>({
    fetch: options?.fetchKeys,
    fetchField: "fetchKeys",
    shape: "{ ak, sk, securityToken?, expiresAt }",
    check: (value, field) => assertAccessKeyCredentials(value, field),
    ...providerSettings(options, 5 * 60 * 1000),
    label: "access key refresh: no keys",
  });
  return () => cache.get();
}
