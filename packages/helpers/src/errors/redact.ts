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

/** A plain copy of the headers with secret values replaced (an Authorization keeps its scheme and access key id). */
export function redactHeaders(headers: Headers | Iterable<[string, string]> | Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  // Headers and pairs iterate; a plain record does not.
  for (const [name, value] of Symbol.iterator in headers ? (headers as Iterable<[string, string]>) : Object.entries(headers)) {
    const lower = name.toLowerCase();
    const shown =
      lower === "authorization"
        ? value.replace(/(Signature=|Bearer |Basic )\S+/gi, `$1${REDACTED}`)
        : SECRET_HEADERS.has(lower)
          ? REDACTED
          : value;
    putHeader(out, lower, shown);
  }
  return out;
}
