// Cutting a secret out of text that may quote it: an error answer that echoes the request (some
// proxies, WAFs and gateways do), or a transport's error message. The secret is looked for in every
// form an echo is likely to spell it in, since IAM passwords must hold the characters escaping changes.
import { parseErrorBody } from "./from-response.js";
import { accessKeyIn, isSecretHeader, isShownAccessKey, REDACTED } from "./redact.js";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** The ways `secret` may be spelt in an echo: as is, JSON-, URL-, form- and HTML-escaped, Base64. */
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
      ...base64Spellings(secret),
    ].filter((form) => form !== ""),
  );
}

/** The secret's UTF-8 bytes in Base64 (a debug header that encodes what it echoes), padded or not, and base64url. */
function base64Spellings(secret: string): string[] {
  let binary = "";
  for (const byte of new TextEncoder().encode(secret)) binary += String.fromCharCode(byte);
  const padded = btoa(binary);
  const bare = padded.replace(/=+$/, "");
  return [padded, bare, bare.replaceAll("+", "-").replaceAll("/", "_")];
}

/**
 * A function cutting every spelling of each secret out of a text, the spellings worked out once
 * (an answer's every string and key goes through it). Longer spellings go first, so a shorter one
 * inside a longer cannot leave part of it behind.
 */
export function secretScrubber(secrets: readonly string[]): (text: string) => string {
  const forms = [...new Set(secrets.flatMap((secret) => [...spellings(secret)]))].sort((a, b) => b.length - a.length);
  const parted = forms.filter((form) => form.length > PART);
  // Text shorter than any spelling, and than a part, holds none: the many short strings and keys of a
  // large JSON answer are passed over without a look for each spelling (two per part).
  const shortest = Math.min(PART, ...forms.map((form) => form.length));
  return (text) => {
    if (text.length < shortest) return text;
    let out = text;
    for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    for (const form of parted) out = withoutPartsOf(out, form);
    return out;
  };
}

/** The shortest start or end of a secret that is taken for the secret cut short. */
const PART = 16;

/**
 * `text` without the start or the end of `form` where an echo cut it short (a gateway quoting the
 * first few hundred characters of a long token, a log line ending in "..."): any run of PART or more
 * of its first or last characters.
 */
function withoutPartsOf(text: string, form: string): string {
  const head = form.slice(0, PART);
  const tail = form.slice(-PART);
  let out = text;
  if (out.includes(head)) {
    let kept = "";
    let from = 0;
    for (let at = out.indexOf(head); at !== -1; at = out.indexOf(head, from)) {
      let end = at + PART;
      while (end < out.length && end - at < form.length && out[end] === form[end - at]) end++;
      kept += `${out.slice(from, at)}${REDACTED}`;
      from = end;
    }
    out = kept + out.slice(from);
  }
  if (out.includes(tail)) {
    let kept = "";
    let from = 0;
    for (let at = out.indexOf(tail, from); at !== -1; at = out.indexOf(tail, from)) {
      let start = at;
      for (let i = form.length - PART - 1; start > from && i >= 0 && out[start - 1] === form[i]; i--) start--;
      kept += `${out.slice(from, start)}${REDACTED}`;
      from = at + PART;
    }
    out = kept + out.slice(from);
  }
  return out;
}

/** `text` with every spelling of each secret replaced by [REDACTED]. */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  return secretScrubber(secrets)(text);
}

/**
 * The same through a parsed answer: JSON may spell a secret with escapes the text forms miss, which
 * parsing turns back into the secret itself.
 */
export function withoutSecretsIn(value: unknown, secrets: readonly string[]): unknown {
  const scrub = secretScrubber(secrets);
  const clean = (at: unknown): unknown => {
    if (typeof at === "string") return scrub(at);
    if (Array.isArray(at)) return at.map(clean);
    if (at && typeof at === "object")
      return Object.fromEntries(Object.entries(at).map(([key, item]) => [scrub(key), clean(item)]));
    return at;
  };
  return clean(value);
}

/**
 * An error answer's body, parsed as errors keep it, with the secrets cut out: from the text first
 * (before parsing undoes an escape) and from the parsed strings and keys.
 */
export function answerWithoutSecrets(text: string, secrets: readonly string[]): unknown {
  return withoutSecretsIn(parseErrorBody(withoutSecrets(text, secrets)), secrets);
}

/**
 * An error to keep as a cause: `error` itself, unless its message or a cause's (5 deep) quotes a
 * secret (undici's MockAgent quotes a request's headers and body), or it holds one elsewhere (a
 * fetch wrapper's error that keeps the Request it failed on, or its options, headers and all). Then
 * a plain Error in its place, with the innermost message cleaned and the first code: another
 * library's errors are not ours to change.
 */
export function errorWithoutSecrets(error: unknown, secrets: readonly string[]): unknown {
  const scrub = secretScrubber(secrets);
  // A transport may reject with a string, or chain one as a cause.
  if (typeof error === "string") return scrub(error);
  let quotes = false;
  let innermost: string | undefined;
  let code: string | undefined;
  for (let at = error, depth = 0; at !== undefined && at !== null && depth < 5; depth++) {
    const message = typeof at === "string" ? at : typeof at === "object" ? (at as { message?: unknown }).message : undefined;
    if (typeof message === "string") {
      if (scrub(message) !== message) quotes = true;
      if (message) innermost = message;
    }
    if (typeof at !== "object") break;
    const atCode = (at as { code?: unknown }).code;
    if (code === undefined && typeof atCode === "string") code = atCode;
    at = (at as { cause?: unknown }).cause;
  }
  if (!quotes && (secrets.length === 0 || !holdsSecret(error, scrub))) return error;
  return Object.assign(new Error(scrub(innermost ?? "")), code === undefined ? {} : { code });
}

/**
 * Whether a secret is reachable from `value` as a printer would find it: in a string among its own
 * fields (hidden ones too), or in the URL or headers of a Request, a Response or a Headers it holds.
 * Bounded (6 deep, 1000 values), as a thrown value may be anything; getters other than a Request's
 * or a Headers' are not run.
 */
function holdsSecret(value: unknown, scrub: (text: string) => string): boolean {
  const seen = new Set<object>();
  const visit = (at: unknown, depth: number): boolean => {
    if (typeof at === "string") return scrub(at) !== at;
    if ((typeof at !== "object" && typeof at !== "function") || at === null || depth > 6 || seen.size >= 1000) return false;
    if (seen.has(at)) return false;
    seen.add(at);
    // Bytes (a body a wrapper kept) are read as text, not key by key: a buffer has a key per byte.
    if (ArrayBuffer.isView(at) || at instanceof ArrayBuffer) {
      const bytes = ArrayBuffer.isView(at) ? new Uint8Array(at.buffer, at.byteOffset, at.byteLength) : new Uint8Array(at);
      return visit(new TextDecoder().decode(bytes.subarray(0, 1 << 20)), depth);
    }
    try {
      const headersLike = at as { get?: unknown; entries?: unknown };
      if (typeof headersLike.get === "function" && typeof headersLike.entries === "function" && Symbol.iterator in at)
        for (const entry of at as Iterable<unknown>) if (visit(entry, depth + 1)) return true;
      if (at instanceof Set) for (const entry of at) if (visit(entry, depth + 1)) return true;
      // A Request or a Response (the global fetch's, or undici's own package's) keeps both behind getters.
      const tag = Object.prototype.toString.call(at);
      if (tag === "[object Request]" || tag === "[object Response]") {
        const message = at as { url?: unknown; headers?: unknown };
        if (visit(message.url, depth + 1) || visit(message.headers, depth + 1)) return true;
      }
      for (const key of Reflect.ownKeys(at).slice(0, 200)) {
        const field = Object.getOwnPropertyDescriptor(at, key);
        if (field && "value" in field && visit(field.value, depth + 1)) return true;
      }
    } catch {
      // A value that throws as it is read (a revoked Proxy) is kept out: it cannot be checked.
      return true;
    }
    return false;
  };
  return visit(value, 0);
}

/**
 * The secrets a request's headers carry: a token, a security token, a session token, and of a signed
 * call its signature (the rest of its Authorization names the access key, which is no secret unless
 * it looks like a secret key).
 */
export function secretsOfHeaders(headers: Iterable<readonly [string, string]>): string[] {
  const secrets: string[] = [];
  for (const [name, value] of headers)
    if (name.toLowerCase() === "authorization") {
      const signature = /Signature=\s*([^\s,]+)/i.exec(value)?.[1];
      secrets.push(signature ?? value);
      // An access key that looks like a secret key (the pair swapped) is cut out of echoes too.
      const access = accessKeyIn(value);
      if (access !== undefined && access.length >= 8 && !isShownAccessKey(access)) secrets.push(access);
    } else if (isSecretHeader(name) && value.length >= 8) secrets.push(value);
  return secrets;
}

/**
 * An error answer's body with the request's secrets cut out, so that neither the call's `error`,
 * nor a FunctionGraphError made from it, nor an onRetry event quotes them: the same bytes when it
 * quotes none, or is not UTF-8 text.
 */
export function bodyWithoutSecrets<Bytes extends Uint8Array>(
  body: Bytes,
  secrets: readonly string[],
): Bytes | Uint8Array<ArrayBuffer> {
  if (secrets.length === 0 || body.byteLength === 0) return body;
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    return body;
  }
  const clean = answerTextWithoutSecrets(text, secrets);
  return clean === text ? body : new TextEncoder().encode(clean);
}

/** The text of an answer without the secrets: escaped as JSON escapes them too, when it is JSON. */
function answerTextWithoutSecrets(text: string, secrets: readonly string[]): string {
  const cleaned = withoutSecrets(text, secrets);
  // JSON may spell a secret with escapes of its own choosing (\u0041 for A), which parsing undoes.
  let parsed: unknown;
  try {
    parsed = JSON.parse(cleaned);
  } catch {
    return cleaned;
  }
  const again = withoutSecretsIn(parsed, secrets);
  return JSON.stringify(again) === JSON.stringify(parsed) ? cleaned : JSON.stringify(again);
}

/** An error answer's raw header list (name, value, ...) with the secrets cut from the values: the same list when none is quoted. */
export function rawHeadersWithoutSecrets(raw: string[], secrets: readonly string[]): string[] {
  if (secrets.length === 0) return raw;
  const scrub = secretScrubber(secrets);
  let clean: string[] | undefined;
  for (let i = 1; i < raw.length; i += 2) {
    const value = raw[i] as string;
    const cut = scrub(value);
    if (cut === value) continue;
    clean ??= [...raw];
    clean[i] = cut;
  }
  return clean ?? raw;
}

/** The same for a Headers (a redirect's Location that carries the token, say). */
function headersWithoutSecrets(headers: Headers, secrets: readonly string[]): Headers {
  const raw: string[] = [];
  for (const [name, value] of headers) raw.push(name, value);
  const clean = rawHeadersWithoutSecrets(raw, secrets);
  if (clean === raw) return headers;
  const out = new Headers();
  for (let i = 0; i < clean.length; i += 2) out.append(clean[i] as string, clean[i + 1] as string);
  return out;
}

/**
 * An error answer's status, reason phrase and headers with the secrets cut out (an echo of the
 * request, a redirect's Location that carries the password, a proxy's "401 bad token MIIY..."): the
 * same answer when it quotes none.
 */
export function answerHeadersWithoutSecrets(response: Response, secrets: readonly string[]): Response {
  const headers = headersWithoutSecrets(response.headers, secrets);
  const statusText = withoutSecrets(response.statusText, secrets);
  return headers === response.headers && statusText === response.statusText
    ? response
    : ({ status: response.status, statusText, headers } as Response);
}
