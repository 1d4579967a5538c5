// The encoding SDK-HMAC-SHA256 uses everywhere: only A-Z a-z 0-9 - . _ ~ stay literal, every other
// character becomes %XX over its UTF-8 bytes (upper-case hex). Stricter than encodeURIComponent,
// which leaves ! ' ( ) * alone.
import { InvalidInputError } from "../errors/invalid-input-error.js";

const NEEDS_ENCODING = /[^A-Za-z0-9\-._~]/;
const STRICT = /[!'()*]/g;

// Only ! ' ( ) * come here: each is one byte, two hex digits.
const toHex = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`;

/**
 * `value` encoded; a lone UTF-16 surrogate (half of a pair, which has no UTF-8 form) is refused as
 * an InvalidInputError naming `field`, never quoting the value.
 */
export function percentEncode(value: string, field = "value"): string {
  if (!NEEDS_ENCODING.test(value)) return value;
  let encoded: string;
  try {
    // encodeURIComponent does the UTF-8 work and throws URIError on a lone surrogate.
    encoded = encodeURIComponent(value);
  } catch {
    throw new InvalidInputError(field, "contains a lone UTF-16 surrogate");
  }
  return encoded.replace(STRICT, toHex);
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
