import { InvalidInputError } from "../errors/invalid-input-error.js";
import type { AccessKeyProvider } from "./access-key-provider.js";
import { type AccessKeyCredentials, assertHeaderSafe, assertUsableKeys } from "./credentials.js";
import { withSecretsHidden } from "./hidden-secrets.js";
import { isAccessKeyProvider } from "./provider-context.js";

/**
 * What fgkit's caching providers (createTokenProvider, createAccessKeyProvider) are called with: the
 * attempt's signal, which aborts when the attempt ends (its timeout, the call's deadline, the caller's
 * signal). A provider of your own is called without arguments.
 */
export interface ProviderContext {
  readonly signal?: AbortSignal | undefined;
}

/**
 * Returns a valid IAM token; called before every request, so it should cache (see createTokenProvider).
 * A provider may also have `invalidate`: when the gateway refuses a token (401), the client calls it
 * with that token and sends the request once more, with whatever token the provider gives next.
 */
export type TokenProvider = ((context?: ProviderContext) => string | Promise<string>) & {
  /**
   * The gateway refused `token`: stop handing it out (a token revoked before its expiry, say).
   * Return false when the next call would get the same token again (then the request is not sent
   * once more); nothing or true sends it again with the token the provider gives next.
   */
  invalidate?: (token: string) => boolean | undefined;
};

export interface TokenCredentials {
  /** A token string, or a provider that returns a current one. */
  readonly token: string | TokenProvider;
}

export interface AccessKeyProviderCredentials {
  /** Returns the keys to sign each request with (temporary keys that change, say). */
  readonly accessKeys: AccessKeyProvider;
}

/**
 * What a client accepts: an access key pair or a provider of them, a token, or a token provider. One
 * kind only: `{ ak, sk, token }` is refused (by the compiler for an object literal, and at run time),
 * since a token would replace the keys; a temporary key pair's token goes in `securityToken`.
 */
export type Credentials =
  | (AccessKeyCredentials & { readonly token?: never; readonly accessKeys?: never })
  | (AccessKeyProviderCredentials & { readonly ak?: never; readonly sk?: never; readonly token?: never })
  | (TokenCredentials & { readonly ak?: never; readonly sk?: never; readonly accessKeys?: never })
  | TokenProvider;

export type ResolvedCredentials =
  | { kind: "accessKey"; credentials: AccessKeyCredentials }
  | { kind: "accessKeyProvider"; getKeys: AccessKeyProvider }
  | { kind: "token"; getToken: TokenProvider };

/** Sorts credentials into their kind and refuses anything malformed, naming the field. */
export function resolveCredentials(credentials: unknown, field = "credentials"): ResolvedCredentials {
  if (typeof field !== "string") throw new InvalidInputError("field", "must be a string");
  if (typeof credentials === "function") {
    // It would be called for a token and hand back keys: refused at every call, as a token that is not a string.
    if (isAccessKeyProvider(credentials))
      throw new InvalidInputError(
        field,
        "is an access key provider (createAccessKeyProvider): give it as { accessKeys: provider }; a function alone is taken as a token provider",
      );
    return { kind: "token", getToken: credentials as TokenProvider };
  }
  if (!credentials || typeof credentials !== "object")
    throw new InvalidInputError(
      field,
      "must be { ak, sk, securityToken? }, { accessKeys }, { token } or a token provider function",
    );
  checkOneKind(credentials, field);
  if ("token" in credentials) {
    const token = (credentials as TokenCredentials).token;
    if (typeof token === "function") return { kind: "token", getToken: token };
    assertHeaderSafe(`${field}.token`, token, { secret: true });
    return { kind: "token", getToken: () => token };
  }
  if ("accessKeys" in credentials) {
    const getKeys = (credentials as AccessKeyProviderCredentials).accessKeys;
    if (typeof getKeys !== "function")
      throw new InvalidInputError(`${field}.accessKeys`, "must be a function returning { ak, sk, securityToken? }");
    return { kind: "accessKeyProvider", getKeys };
  }
  assertUsableKeys(credentials, field);
  // The keys stay the caller's object (read at each request); only the wrapper prints them redacted.
  return withSecretsHidden({ kind: "accessKey", credentials }, ["credentials.sk", "credentials.securityToken"]);
}

// The fields of each kind, looked for with `in` (a getter on a class counts).
const KINDS: Record<string, readonly string[]> = {
  "{ ak, sk, securityToken? }": ["ak", "sk", "securityToken"],
  "{ accessKeys }": ["accessKeys"],
  "{ token }": ["token"],
};
// Other SDKs' names for a temporary key pair's token, which fgkit would not read: the keys would go
// out without it, and the gateway would refuse them. Any other extra field is left alone.
const OTHER_TOKEN_NAMES = ["sessionToken", "security_token", "securitytoken", "stsToken", "SessionToken"];

/**
 * Refuses credentials that mix kinds (`{ ak, sk, token }`: the token would replace the keys) or give
 * a temporary key pair's token under another SDK's name (`sessionToken`, which would be dropped).
 */
function checkOneKind(credentials: object, field: string): void {
  const kinds = Object.entries(KINDS).filter(([, fields]) => fields.some((name) => name in credentials));
  if (kinds.length > 1)
    throw new InvalidInputError(
      field,
      `give one kind of credentials, not ${kinds.map(([kind]) => kind).join(" and ")} together (a temporary key pair's token goes in securityToken)`,
    );
  for (const name of OTHER_TOKEN_NAMES)
    if (name in credentials)
      throw new InvalidInputError(`${field}.${name}`, "is not read: a temporary key pair's token goes in securityToken");
  // None of fgkit's fields: `credentials.ak: must be a string` would not say why (another SDK's names).
  if (kinds.length === 0) {
    const other = OTHER_KEY_NAMES.filter((name) => name in credentials);
    throw new InvalidInputError(
      field,
      `must be { ak, sk, securityToken? }, { accessKeys }, { token } or a token provider function${
        other.length > 0 ? `: the key pair goes in ak and sk, not ${other.join(" and ")}` : ""
      }`,
    );
  }
}

// Other SDKs' names for the key pair itself.
const OTHER_KEY_NAMES = ["accessKeyId", "secretAccessKey", "accessKey", "secretKey", "access_key", "secret_key", "AK", "SK"];

const RESOLVED_KINDS: Readonly<Record<ResolvedCredentials["kind"], [part: string, shape: string]>> = {
  accessKey: ["credentials", "object"],
  accessKeyProvider: ["getKeys", "function"],
  token: ["getToken", "function"],
};

/**
 * Checks what resolveCredentials returned (for the layers that take its result: withAuth,
 * invalidateRefusedCredentials), so a hand-made `{ kind: "token" }` is refused by name here rather
 * than failing inside at the first request.
 */
export function checkResolvedCredentials(field: string, auth: unknown): asserts auth is ResolvedCredentials {
  const given = auth as { kind?: unknown } | null;
  // Credentials themselves ({ ak, sk }) have no kind: they go through resolveCredentials first.
  if (!given || typeof given !== "object" || typeof given.kind !== "string")
    throw new InvalidInputError(field, "must be the result of resolveCredentials(credentials)");
  const kind = given.kind;
  if (!Object.hasOwn(RESOLVED_KINDS, kind))
    throw new InvalidInputError(
      `${field}.kind`,
      `must be one of ${Object.keys(RESOLVED_KINDS).join(", ")} (the result of resolveCredentials(credentials))`,
    );
  const [part, shape] = RESOLVED_KINDS[kind as ResolvedCredentials["kind"]];
  const value = (given as Record<string, unknown>)[part];
  if (shape === "function" ? typeof value !== "function" : !value || typeof value !== "object")
    throw new InvalidInputError(
      `${field}.${part}`,
      `must be a${shape === "object" ? "n" : ""} ${shape} (the result of resolveCredentials(credentials))`,
    );
}
