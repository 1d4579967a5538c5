// The encoding SDK-HMAC-SHA256 uses everywhere: only A-Z a-z 0-9 - . _ ~ stay literal, every other
// character becomes %XX over its UTF-8 bytes (upper-case hex). Stricter than encodeURIComponent,
// which leaves ! ' ( ) * alone.
const NEEDS_ENCODING = /[^A-Za-z0-9\-._~]/;
const STRICT = /[!'()*]/g;

// Only ! ' ( ) * come here: each is one byte, two hex digits.
const toHex = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;

export function percentEncode(value: string): string {
  if (!NEEDS_ENCODING.test(value)) return value;
  // encodeURIComponent does the UTF-8 work and throws URIError on a lone surrogate.
  return encodeURIComponent(value).replace(STRICT, toHex);
}

/** Decodes %XX sequences; a malformed sequence is kept as it is rather than throwing. */
export function percentDecode(value: string): string {
  if (!value.includes("%")) return value;
  try {
    return decodeURIComponent(value);
  } catch {
    return value.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}
