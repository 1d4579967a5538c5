import type { ResolvedCredentials } from "./resolve-credentials.js";

/**
 * For withRetry's `onUnauthorized`: tells the token provider that the gateway refused the token an
 * attempt carried, and answers whether sending again may help (only a provider that can drop a
 * token will hand out another one).
 */
export function invalidateRefusedToken(auth: ResolvedCredentials, request: Request): boolean {
  if (auth.kind !== "token" || typeof auth.getToken.invalidate !== "function") return false;
  const token = request.headers.get("x-auth-token");
  if (token === null) return false;
  return auth.getToken.invalidate(token) !== false;
}
