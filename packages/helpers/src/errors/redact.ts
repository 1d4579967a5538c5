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

/**
 * An Authorization value with its secret part redacted, whatever its scheme: fgkit's own keeps the
 * access key id and the signed header names (what a signature mismatch is debugged with); any other
 * keeps its scheme alone; a bare value (no scheme) is all secret.
 */
function redactAuthorization(value: string): string {
  if (SDK_HMAC.test(value)) {
    const access = /Access=\s*([^\s,]*)/i.exec(value)?.[1] ?? "";
    const signed = /SignedHeaders=\s*([^\s,]*)/i.exec(value)?.[1] ?? "";
    return `SDK-HMAC-SHA256 Access=${access}, SignedHeaders=${signed}, Signature=${REDACTED}`;
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
