// Cutting a secret out of text that may quote it: an error answer that echoes the request (some
// proxies, WAFs and gateways do), or a transport's error message. The secret is looked for in every
// form an echo is likely to spell it in, since IAM passwords must hold the characters escaping changes.
import { REDACTED } from "./redact.js";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** The ways `secret` may be spelt in an echo: as is, JSON-, URL-, form- and HTML-escaped. */
function spellings(secret: string): Set<string> {
  const json = JSON.stringify(secret).slice(1, -1);
  const unicodeEscaped = (upper: boolean) =>
    secret.replace(/[^A-Za-z0-9 ]/g, (char) => {
      const hex = char.charCodeAt(0).toString(16).padStart(4, "0");
      return `\\u${upper ? hex.toUpperCase() : hex}`;
    });
  const html = secret.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] as string);
  return new Set(
    [
      secret,
      json,
      json.replaceAll("/", "\\/"),
      unicodeEscaped(false),
      unicodeEscaped(true),
      encodeURIComponent(secret),
      new URLSearchParams({ s: secret }).toString().slice(2),
      html,
      html.replaceAll("&#39;", "&#x27;"),
    ].filter((form) => form !== ""),
  );
}

/** `text` with every spelling of each secret replaced by [REDACTED]. */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) for (const form of spellings(secret)) out = out.split(form).join(REDACTED);
  return out;
}

/**
 * The same through a parsed answer: JSON may spell a secret with escapes the text forms miss, which
 * parsing turns back into the secret itself.
 */
export function withoutSecretsIn(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === "string") return withoutSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((item) => withoutSecretsIn(item, secrets));
  if (value && typeof value === "object")
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [withoutSecrets(key, secrets), withoutSecretsIn(item, secrets)]),
    );
  return value;
}
