import { checkObject } from "../errors/argument-checks.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";
import type { ResolvedCredentials } from "./resolve-credentials.js";

// The access key id in `SDK-HMAC-SHA256 Access=<ak>, SignedHeaders=..., Signature=...`.
const ACCESS_KEY_ID = /\bAccess=([^,\s]+)/;

/**
 * For withRetry's `onUnauthorized`: tells the provider that the gateway refused the token or the
 * access keys an attempt carried, and answers whether sending again may help (only a provider that
 * can drop what it handed out will hand out something else).
 */
export function invalidateRefusedCredentials(auth: ResolvedCredentials, request: Request): boolean {
  checkObject("auth", auth);
  if (!request || typeof request.headers?.get !== "function") throw new InvalidInputError("request", "must be a Request");
  if (auth.kind === "token") {
    const token = request.headers.get("x-auth-token");
    return token !== null && typeof auth.getToken.invalidate === "function" && auth.getToken.invalidate(token) !== false;
  }
  if (auth.kind === "accessKeyProvider") {
    const accessKeyId = ACCESS_KEY_ID.exec(request.headers.get("authorization") ?? "")?.[1];
    return (
      accessKeyId !== undefined && typeof auth.getKeys.invalidate === "function" && auth.getKeys.invalidate(accessKeyId) !== false
    );
  }
  return false;
}
