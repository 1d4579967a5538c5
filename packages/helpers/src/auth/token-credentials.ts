import { InvalidInputError } from "../errors/invalid-input-error.js";
import { type AccessKeyCredentials, assertAccessKeyCredentials, assertHeaderSafe } from "./credentials.js";

/** Returns a valid IAM token; called before every request, so it should cache (see createTokenProvider). */
export type TokenProvider = () => string | Promise<string>;

export interface TokenCredentials {
  /** A token string, or a provider that returns a current one. */
  readonly token: string | TokenProvider;
}

/** What a client accepts: an access key pair, a token, or a token provider. */
export type Credentials = AccessKeyCredentials | TokenCredentials | TokenProvider;

export type ResolvedCredentials =
  | { kind: "accessKey"; credentials: AccessKeyCredentials }
  | { kind: "token"; getToken: TokenProvider };

/** Sorts credentials into their kind and refuses anything malformed, naming the field. */
export function resolveCredentials(credentials: unknown, field = "credentials"): ResolvedCredentials {
  if (typeof credentials === "function") return { kind: "token", getToken: credentials as TokenProvider };
  if (!credentials || typeof credentials !== "object")
    throw new InvalidInputError(field, "must be { ak, sk, securityToken? }, { token } or a token provider function");
  if ("token" in credentials) {
    const token = (credentials as TokenCredentials).token;
    if (typeof token === "function") return { kind: "token", getToken: token };
    assertHeaderSafe(`${field}.token`, token, { secret: true });
    return { kind: "token", getToken: () => token };
  }
  assertAccessKeyCredentials(credentials, field);
  return { kind: "accessKey", credentials };
}
