import { InvalidInputError } from "../errors/invalid-input-error.js";
import { REDACTED } from "../errors/redact.js";

/** A permanent access key pair, or a temporary one with its security token. */
export interface AccessKeyCredentials {
  readonly ak: string;
  readonly sk: string;
  /** Set for temporary credentials; sent (and signed) as X-Security-Token. */
  readonly securityToken?: string | undefined;
}

// Characters that cannot travel in a header: control characters (CR, LF, NUL, ...) and non-Latin-1.
const NOT_HEADER_SAFE = /[^\t\x20-\x7e\x80-\xff]/;

/** Whether a header can carry `value` (a service's answer, checked before it goes into one). */
export const isHeaderSafe = (value: string): boolean => !NOT_HEADER_SAFE.test(value);

/**
 * Checks a value that goes into a header; the message never repeats the value. For a secret it does
 * not name the kind of character either (the client's header checks share the other message).
 */
export function assertHeaderSafe(field: string, value: unknown, { secret = false } = {}): asserts value is string {
  if (typeof value !== "string") throw new InvalidInputError(field, `must be a string, got ${typeof value}`);
  if (value.trim() === "") throw new InvalidInputError(field, "must not be empty");
  if (secret) refuseRedacted(field, value);
  if (NOT_HEADER_SAFE.test(value))
    throw new InvalidInputError(
      field,
      secret
        ? "contains a character that cannot be sent in a header"
        : "contains CR, LF or another character a header cannot carry",
    );
}

/**
 * What fgkit prints in place of a secret is not one: it comes from keys or a token saved with
 * JSON.stringify, which hides them (see withSecretsHidden), and the gateway would answer 401.
 */
function refuseRedacted(field: string, value: string): void {
  if (value === REDACTED)
    throw new InvalidInputError(
      field,
      `is "${REDACTED}", what fgkit prints in place of a secret: save the secret itself, not JSON.stringify of the object that held it`,
    );
}

export function assertAccessKeyCredentials(
  credentials: unknown,
  field = "credentials",
): asserts credentials is AccessKeyCredentials {
  if (typeof field !== "string") throw new InvalidInputError("field", "must be a string");
  if (!credentials || typeof credentials !== "object") throw new InvalidInputError(field, "must be an object { ak, sk }");
  const { ak, sk, securityToken } = credentials as Record<string, unknown>;
  assertHeaderSafe(`${field}.ak`, ak);
  if (/\s/.test(ak)) throw new InvalidInputError(`${field}.ak`, "must not contain whitespace");
  if (typeof sk !== "string" || sk === "") throw new InvalidInputError(`${field}.sk`, "must be a non-empty string");
  refuseRedacted(`${field}.sk`, sk);
  if (securityToken !== undefined) assertHeaderSafe(`${field}.securityToken`, securityToken, { secret: true });
}

/**
 * assertAccessKeyCredentials for keys a client will use (not for the signer, which takes any key): a
 * key read from a file or a secret store often keeps its newline, which the gateway would refuse (401).
 */
export function assertUsableKeys(credentials: unknown, field = "credentials"): asserts credentials is AccessKeyCredentials {
  assertAccessKeyCredentials(credentials, field);
  if (credentials.sk.trim() !== credentials.sk)
    throw new InvalidInputError(`${field}.sk`, "must not start or end with whitespace");
  refuseCsvLine(`${field}.ak`, credentials.ak);
}

/** A line of the console's credentials.csv ("user,AK,SK") pasted whole as the ak: no access key id has a comma. */
export function refuseCsvLine(field: string, ak: string): void {
  if (ak.includes(","))
    throw new InvalidInputError(
      field,
      "contains a comma: give the access key id alone (a line of credentials.csv holds the user name, the AK and the SK)",
    );
}

/** Checks what an access key provider answered; the field named is `credentials.accessKeys()`. */
export function providedKeys(keys: AccessKeyCredentials): AccessKeyCredentials;
export function providedKeys(keys: Promise<AccessKeyCredentials>): Promise<AccessKeyCredentials>;
export function providedKeys(
  keys: AccessKeyCredentials | Promise<AccessKeyCredentials>,
): AccessKeyCredentials | Promise<AccessKeyCredentials> {
  if (keys instanceof Promise) return keys.then((resolved) => providedKeys(resolved));
  assertUsableKeys(keys, "credentials.accessKeys()");
  return keys;
}
