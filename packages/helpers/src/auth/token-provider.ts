import { assertHeaderSafe } from "./credentials.js";
import { createExpiringCache, type ProviderFetchOptions, providerSettings } from "./expiring-cache.js";
import type { IamToken } from "./iam-token.js";
import { takesContext } from "./provider-context.js";
import type { ProviderContext, TokenProvider } from "./resolve-credentials.js";

export interface CachingTokenProviderOptions extends ProviderFetchOptions {
  /** Fetch a new token, e.g. `({ signal }) => fetchIamToken({ ..., signal })`. */
  fetchToken: (context: { signal: AbortSignal }) => Promise<IamToken>;
  /** Refresh this long before expiry (default 10 minutes; at half the token's life when that is later). */
  refreshBeforeMs?: number | undefined;
}

/**
 * A token provider that caches the token, refreshes it before it expires, and lets concurrent
 * callers share one refresh. A token that has not expired yet is handed out at once while the next
 * one is fetched in the background, so a slow or failing refresh delays no call.
 * A token the gateway refused (`invalidate`, which the client calls on a 401) is not used again,
 * unless it was fetched in the last 30 seconds.
 */
export function createTokenProvider(options: CachingTokenProviderOptions): TokenProvider {
  const cache = createExpiringCache<IamToken>({
    fetch: options?.fetchToken,
    fetchField: "fetchToken",
    shape: "{ token, expiresAt }",
    check: (value, field) => assertHeaderSafe(`${field}.token`, value.token, { secret: true }),
    ...providerSettings(options, 10 * 60 * 1000, "fetchToken"),
    label: "token refresh: no token",
  });
  const provider: TokenProvider = takesContext(async (context?: ProviderContext) => (await cache.get(context)).token);
  // Only the refused token is dropped: concurrent calls refused the same one, and a newer token
  // fetched meanwhile stays.
  provider.invalidate = (token) => cache.dropRefused((held) => held.token.trim() === token.trim());
  return provider;
}
