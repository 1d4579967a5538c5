import { assertHeaderSafe } from "../auth/credentials.js";
import type { ResolvedCredentials } from "../auth/token-credentials.js";
import { signRequest } from "../signing/sign-request.js";
import type { FetchLike } from "./types.js";

export interface AuthOptions {
  /** Sent as X-Project-Id on every request, as the official SDK does. */
  projectId?: string;
  /** Current clock correction in milliseconds, read at every signing (see withRetry's skew fix). */
  clockOffset?: () => number;
}

/**
 * Adds authentication to every request: an SDK-HMAC-SHA256 signature made at send time (so each
 * retry attempt carries a fresh X-Sdk-Date), or an X-Auth-Token from the token provider.
 */
export function withAuth(next: FetchLike, auth: ResolvedCredentials, options: AuthOptions = {}): FetchLike {
  return async (request) => {
    if (options.projectId !== undefined && !request.headers.has("x-project-id"))
      request.headers.set("X-Project-Id", options.projectId);
    if (auth.kind === "token") {
      const token = await auth.getToken();
      assertHeaderSafe("credentials.token", token, { secret: true });
      request.headers.set("X-Auth-Token", token);
      return next(request);
    }
    const offset = options.clockOffset?.() ?? 0;
    const signed = await signRequest(request, auth.credentials, { date: new Date(Date.now() + offset) });
    // Mirror the signature headers on the caller's request too, so errors describe what was sent.
    for (const name of ["authorization", "x-sdk-date", "x-security-token"]) {
      const value = signed.headers.get(name);
      if (value !== null) request.headers.set(name, value);
    }
    return next(signed);
  };
}
