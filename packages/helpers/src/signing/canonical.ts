// The parts of the canonical request (SIGNING.md, section 3), each on its own so it can be tested alone.
import { percentDecode, percentEncode } from "./percent-encode.js";

/**
 * Canonical URI: each path segment decoded once and re-encoded strictly, joined by `/`, always
 * ending in `/`. Decoding first means the signature covers what the gateway sees after it decodes,
 * so a value already percent-encoded on the wire is not encoded twice.
 */
export function canonicalUri(pathname: string, field = "pathname"): string {
  const encoded = pathname
    .split("/")
    .map((segment) => percentEncode(percentDecode(segment), field))
    .join("/");
  return encoded.endsWith("/") ? encoded : `${encoded}/`;
}

/** Compares by UTF-16 code unit, as JavaScript's default sort does (never locale order). */
const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Canonical query: pairs decoded from the URL's query string, sorted by raw key then raw value
 * (code-unit order), each written as enc(key)=enc(value) and joined by `&`. A lone UTF-16
 * surrogate is refused (an InvalidInputError naming `field`).
 */
export function canonicalQuery(search: string, field = "search"): string {
  const query = search.startsWith("?") ? search.slice(1) : search;
  if (!query) return "";
  const pairs: [string, string][] = [];
  for (const part of query.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const key = percentDecode(eq < 0 ? part : part.slice(0, eq));
    const value = eq < 0 ? "" : percentDecode(part.slice(eq + 1));
    pairs.push([key, value]);
  }
  pairs.sort((a, b) => byCodeUnit(a[0], b[0]) || byCodeUnit(a[1], b[1]));
  return pairs.map(([k, v]) => `${percentEncode(k, field)}=${percentEncode(v, field)}`).join("&");
}

export interface CanonicalHeaders {
  /** `name:value\n` lines, names lower-cased, values trimmed, sorted by name. */
  lines: string;
  /** Lower-cased names joined by `;`, in the same order as the lines. */
  signedHeaders: string;
}

/**
 * Canonical headers from lower-cased name/value pairs. A multipart `content-type` is left out (its
 * boundary is not known when signing). Names and lines share one code-unit order.
 */
export function canonicalHeaders(headers: Iterable<[string, string]>): CanonicalHeaders {
  const entries: [string, string][] = [];
  for (const [rawName, rawValue] of headers) entries.push([rawName.toLowerCase(), trimHttpWhitespace(rawValue)]);
  return canonicalHeadersOf(entries);
}

/** canonicalHeaders of pairs whose names are lower-cased and values trimmed already (sorts them in place). */
export function canonicalHeadersOf(entries: [string, string][]): CanonicalHeaders {
  entries.sort((a, b) => byCodeUnit(a[0], b[0]));
  let lines = "";
  let signedHeaders = "";
  for (const [name, value] of entries) {
    if (name === "content-type" && value.includes("multipart/form-data")) continue;
    lines += `${name}:${value}\n`;
    signedHeaders += signedHeaders ? `;${name}` : name;
  }
  return { lines, signedHeaders };
}

/** HTTP parsers strip only spaces and tabs around a value (not NBSP, as String#trim does). */
export function trimHttpWhitespace(value: string): string {
  // Most values have nothing to trim: skip the regular expression for them (it runs for every header).
  const first = value.charCodeAt(0);
  const last = value.charCodeAt(value.length - 1);
  if (first !== 32 && first !== 9 && last !== 32 && last !== 9) return value;
  return value.replace(/^[ \t]+|[ \t]+$/g, "");
}
