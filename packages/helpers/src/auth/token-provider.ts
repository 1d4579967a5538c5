import { FunctionGraphError } from "../errors/function-graph-error.js";
import { checkMilliseconds } from "../errors/number-checks.js";
import { LinkedSignal } from "../transport/linked-signal.js";
import { untilAborted } from "../transport/until-aborted.js";
import type { IamToken } from "./iam-token.js";
import type { TokenProvider } from "./token-credentials.js";

export interface CachingTokenProviderOptions {
  /** Fetch a new token, e.g. `({ signal }) => fetchIamToken({ ..., signal })`. */
  fetchToken: (context: { signal: AbortSignal }) => Promise<IamToken>;
  /**
   * A refresh still pending after this long is given up: its signal aborts, the callers waiting for
   * it get a Timeout error, and the next call starts a new one (default 60 s; 0 = no limit).
   */
  fetchTimeoutMs?: number;
  /** Refresh this long before expiry (default 10 minutes). */
  refreshBeforeMs?: number;
  now?: () => number;
}

/**
 * A token provider that caches the token, refreshes it before it expires, and lets concurrent
 * callers share one refresh. While a refresh fails, a token that has not expired yet is still used.
 * A token the gateway refused (`invalidate`, which the client calls on a 401) is never used again.
 */
export function createTokenProvider(options: CachingTokenProviderOptions): TokenProvider {
  const refreshBefore = options.refreshBeforeMs ?? 10 * 60 * 1000;
  const now = options.now ?? Date.now;
  let current: IamToken | undefined;
  let inFlight: Promise<IamToken> | undefined;

  const fetchTimeoutMs = checkMilliseconds("fetchTimeoutMs", options.fetchTimeoutMs, 60_000);

  const refresh = () => {
    if (inFlight) return inFlight;
    const ending = new LinkedSignal([], fetchTimeoutMs);
    let fetching: Promise<IamToken>;
    try {
      fetching = options.fetchToken({ signal: ending.signal });
    } catch (error) {
      fetching = Promise.reject(error);
    }
    // A refresh that never settles would otherwise hold this slot, and every caller, for good.
    inFlight = untilAborted(fetching, ending).then(
      (token) => {
        current = token;
        inFlight = undefined;
        ending.release();
        return token;
      },
      (error: unknown) => {
        inFlight = undefined;
        ending.release();
        if (!ending.timedOut) throw error;
        throw new FunctionGraphError(`token refresh: no token within ${fetchTimeoutMs} ms`, {
          status: 0,
          code: "Timeout",
          cause: error,
        });
      },
    );
    return inFlight;
  };

  const provider: TokenProvider = async () => {
    const time = now();
    if (current && current.expiresAt.getTime() - refreshBefore > time) return current.token;
    if (current && current.expiresAt.getTime() > time) {
      // Inside the refresh window: refresh now, but keep using the still-valid token if IAM fails.
      const stillValid = current;
      return refresh().then(
        (token) => token.token,
        (error: unknown) => {
          // Unless the gateway refused that token meanwhile.
          if (current !== stillValid) throw error;
          return stillValid.token;
        },
      );
    }
    return (await refresh()).token;
  };
  // Only the refused token is dropped: concurrent calls refused the same one, and a newer token
  // fetched meanwhile stays.
  provider.invalidate = (token) => {
    if (current !== undefined && current.token.trim() === token.trim()) current = undefined;
  };
  return provider;
}
