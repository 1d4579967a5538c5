import { InvalidInputError } from "../errors/invalid-input-error.js";
import { checkResolvedCredentials, type ResolvedCredentials } from "./resolve-credentials.js";

// The access key id in `SDK-HMAC-SHA256 Access=<ak>, SignedHeaders=..., Signature=...`.
const ACCESS_KEY_ID = /\bAccess=([^,\s]+)/;

/**
 * For withRetry's `onUnauthorized`: tells the provider that the gateway refused the token or the
 * access keys an attempt carried, and answers whether sending again may help (only a provider that
 * can drop what it handed out will hand out something else).
 */
export function invalidateRefusedCredentials(auth: ResolvedCredentials, request: Request): boolean {
  checkResolvedCredentials("auth", auth);
  if (!request || typeof request.headers?.get !== "function") throw new InvalidInputError("request", "must be a Request");
  if (auth.kind === "token") {
    const token = request.headers.get("x-auth-token");
    return token !== null && dropped(auth.getToken.invalidate, token);
  }
  if (auth.kind === "accessKeyProvider") {
    const accessKeyId = ACCESS_KEY_ID.exec(request.headers.get("authorization") ?? "")?.[1];
    return accessKeyId !== undefined && dropped(auth.getKeys.invalidate, accessKeyId);
  }
  return false;
}

/**
 * Whether a provider's `invalidate` dropped what it handed out. One that throws (a provider's own
 * bug) counts as not dropped: the call then ends with the 401 it got, rather than with that error.
 */
function dropped(invalidate: ((refused: string) => boolean | undefined) | undefined, refused: string): boolean {
  if (typeof invalidate !== "function") return false;
  try {
    return invalidate(refused) !== false;
  } catch {
    return false;
  }
}
