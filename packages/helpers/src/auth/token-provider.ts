import type { IamToken } from "./iam-token.js";
import type { TokenProvider } from "./token-credentials.js";

export interface CachingTokenProviderOptions {
  /** Fetch a new token (e.g. `() => fetchIamToken({...})`). */
  fetchToken: () => Promise<IamToken>;
  /** Refresh this long before expiry (default 10 minutes). */
  refreshBeforeMs?: number;
  now?: () => number;
}

/**
 * A token provider that caches the token, refreshes it before it expires, and lets concurrent
 * callers share one refresh. While a refresh fails, a token that has not expired yet is still used.
 */
export function createTokenProvider(options: CachingTokenProviderOptions): TokenProvider {
  const refreshBefore = options.refreshBeforeMs ?? 10 * 60 * 1000;
  const now = options.now ?? Date.now;
  let current: IamToken | undefined;
  let inFlight: Promise<IamToken> | undefined;

  const refresh = () => {
    inFlight ??= options.fetchToken().then(
      (token) => {
        current = token;
        inFlight = undefined;
        return token;
      },
      (error: unknown) => {
        inFlight = undefined;
        throw error;
      },
    );
    return inFlight;
  };

  return async () => {
    const time = now();
    if (current && current.expiresAt.getTime() - refreshBefore > time) return current.token;
    if (current && current.expiresAt.getTime() > time) {
      // Inside the refresh window: refresh now, but keep using the still-valid token if IAM fails.
      return refresh().then(
        (token) => token.token,
        () => (current as IamToken).token,
      );
    }
    return (await refresh()).token;
  };
}
