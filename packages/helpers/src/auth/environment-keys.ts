import { InvalidInputError } from "../errors/invalid-input-error.js";
import { type AccessKeyCredentials, assertHeaderSafe, refuseCsvLine } from "./credentials.js";
import { withSecretsHidden } from "./hidden-secrets.js";

// The names Huawei Cloud's official SDKs read (their EnvCredentialProvider), so one environment
// serves both.
const AK = "HUAWEICLOUD_SDK_AK";
const SK = "HUAWEICLOUD_SDK_SK";
const SECURITY_TOKEN = "HUAWEICLOUD_SDK_SECURITY_TOKEN";

/**
 * Access keys from the environment: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK, with
 * HUAWEICLOUD_SDK_SECURITY_TOKEN for temporary keys. A missing or malformed variable is refused by
 * name (never by value). `env` defaults to `process.env`.
 */
export function accessKeysFromEnv(env?: Record<string, string | undefined>): AccessKeyCredentials {
  const source = env ?? (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (!source || typeof source !== "object")
    throw new InvalidInputError("env", "there is no process.env here; pass the variables as an object");
  const ak = variable(source, AK);
  const sk = variable(source, SK);
  const securityToken = variable(source, SECURITY_TOKEN);
  if (ak === undefined) throw new InvalidInputError(AK, "is not set");
  if (sk === undefined) throw new InvalidInputError(SK, "is not set");
  assertHeaderSafe(AK, ak);
  if (/\s/.test(ak)) throw new InvalidInputError(AK, "must not contain whitespace");
  // Named by its variable here: the client's check of the keys would name credentials.ak, which the caller never gave.
  refuseCsvLine(AK, ak);
  // A .env file with CRLF line ends leaves a "\r" on the value; the signature would be wrong.
  if (sk.trim() !== sk) throw new InvalidInputError(SK, "must not start or end with whitespace");
  if (securityToken === undefined) return withSecretsHidden({ ak, sk }, ["sk"]);
  assertHeaderSafe(SECURITY_TOKEN, securityToken, { secret: true });
  return withSecretsHidden({ ak, sk, securityToken }, ["sk", "securityToken"]);
}

/**
 * A variable's text, or undefined when it is unset (undefined, null or empty). An object given in
 * place of process.env may hold anything else: refused by name, its value never shown.
 */
function variable(source: Record<string, unknown>, name: string): string | undefined {
  const value = source[name];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw new InvalidInputError(name, `must be a string, got ${typeof value}`);
  return value;
}
