import { putHeader } from "../transport/header-record.js";

// Headers that carry secrets; their values never leave the SDK in an error or a log line.
const SECRET_HEADERS = new Set([
  "authorization",
  "x-auth-token",
  "x-security-token",
  "x-subject-token",
  "proxy-authorization",
  "cookie",
  "set-cookie",
]);

export const REDACTED = "[REDACTED]";

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.has(name.toLowerCase());
}

const SDK_HMAC = /^\s*SDK-HMAC-SHA256\s/i;

// An access key id is upper-case letters and digits (20 of them). Anything else, most often the
// 40 mixed-case characters of a secret key given as `ak` (the pair swapped), is not shown.
const ACCESS_KEY_ID = /^[A-Z0-9]{1,32}$/;
/** Whether `ak` is shown where fgkit prints an access key id: only when it looks like one. */
export const isShownAccessKey = (ak: string): boolean => ACCESS_KEY_ID.test(ak);
/** `ak` as fgkit prints it: itself, or REDACTED when it looks like a secret key instead. */
const shownAccessKey = (ak: string): string => (isShownAccessKey(ak) ? ak : REDACTED);
// fgkit writes `Access=<ak>, SignedHeaders=`, so the key runs to that: an ak with a comma in it (a
// CSV line "AK,SK" given as ak) is all of it, not only its harmless start. Else, to a comma or space.
const ACCESS_KEY = /(Access=\s*)(?:(.*?)(,\s*SignedHeaders=)|([^\s,]*))/i;
/** The access key an SDK-HMAC-SHA256 Authorization value names, if any. */
export const accessKeyIn = (authorization: string): string | undefined => {
  const match = ACCESS_KEY.exec(authorization);
  return match ? (match[2] ?? match[4]) : undefined;
};
/** An SDK-HMAC-SHA256 Authorization value with its access key as shownAccessKey prints it. */
export const withShownAccessKey = (authorization: string): string =>
  authorization.replace(
    ACCESS_KEY,
    (_, prefix: string, ak: string | undefined, rest: string | undefined, bare: string) =>
      prefix + shownAccessKey(ak ?? bare) + (rest ?? ""),
  );

/**
 * An Authorization value with its secret part redacted, whatever its scheme: fgkit's own keeps the
 * access key id (when it looks like one) and the signed header names (what a signature mismatch is debugged with); any other
 * keeps its scheme alone; a bare value (no scheme) is all secret.
 */
function redactAuthorization(value: string): string {
  if (SDK_HMAC.test(value)) {
    const access = accessKeyIn(value) ?? "";
    const signed = /SignedHeaders=\s*([^\s,]*)/i.exec(value)?.[1] ?? "";
    return `SDK-HMAC-SHA256 Access=${shownAccessKey(access)}, SignedHeaders=${signed}, Signature=${REDACTED}`;
  }
  const scheme = /^\s*(\S+)\s+\S/.exec(value)?.[1];
  return scheme === undefined ? REDACTED : `${scheme} ${REDACTED}`;
}

/** A plain copy of the headers with secret values replaced (an Authorization keeps its scheme and access key id). */
export function redactHeaders(headers: Headers | Iterable<[string, string]> | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  // Headers and pairs iterate; a plain record does not.
  for (const [name, value] of Symbol.iterator in headers ? (headers as Iterable<[string, string]>) : Object.entries(headers)) {
    const lower = name.toLowerCase();
    const shown = lower === "authorization" ? redactAuthorization(value) : SECRET_HEADERS.has(lower) ? REDACTED : value;
    putHeader(out, lower, shown);
  }
  return out;
}

// Query parameters that could carry a credential (never used by FunctionGraph, but cheap to guard).
const SECRET_QUERY =
  /([?&](?:access_token|auth_token|token|security_token|securitytoken|x-auth-token|x-security-token|session_token|password|passwd|sk|secret|secret_key|secretkey|signature|x-sdk-signature|api_key|apikey)=)[^&#]*/gi;

// User information in a URL (`https://user:password@host/`), as a redirect's Location may carry it.
const USER_INFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i;

/** A URL with user information and credential-like query values replaced by [REDACTED]. */
export function redactUrl(url: string): string {
  return url.replace(USER_INFO, `$1${REDACTED}@`).replace(SECRET_QUERY, `$1${REDACTED}`);
}
