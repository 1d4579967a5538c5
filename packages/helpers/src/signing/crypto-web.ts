// SHA-256 and HMAC-SHA256 over Web Crypto, for browsers, Deno, Bun and workers (the package's
// `#crypto` import picks crypto-node.ts on Node, where node:crypto is much cheaper per call).
// Imported HMAC keys are cached per secret: importKey costs more than the HMAC itself.
import { InvalidInputError } from "../errors/invalid-input-error.js";
import type { HmacSha256Hex, Sha256Hex } from "./hashes.js";

const encoder = new TextEncoder();

/**
 * Web Crypto's digest and HMAC. Browsers give them only to secure contexts (https, localhost): on a
 * page served over plain http `crypto.subtle` is undefined, which is said here rather than failing
 * later as if the request had been sent and lost. Node before 19 (FunctionGraph's Node.js 18.15
 * runtime) has no global `crypto` either: this Web build runs there only when a bundler resolved
 * fgkit without the `node` condition, which is what needs changing.
 */
function subtle(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle;
  if (subtle === undefined) {
    const onNode = typeof (globalThis as { process?: { versions?: { node?: unknown } } }).process?.versions?.node === "string";
    throw new InvalidInputError(
      "credentials",
      onNode
        ? 'AK/SK signing needs Web Crypto (crypto.subtle), which Node before 19 has no global for: this is fgkit\'s Web build, taken by a bundler that resolved packages without the `node` export condition; bundle for Node with it (rollup\'s node-resolve: exportConditions: ["node"]; Parcel: packageExports; see "Runtime support" in fgkit\'s README)'
        : "AK/SK signing needs Web Crypto (crypto.subtle), which browsers give only to secure contexts: serve the page over https or from localhost, or use token credentials",
    );
  }
  return subtle;
}

// 32 bytes at a time: a lookup table would be faster by well under a microsecond, next to tens of
// microseconds for the Web Crypto call itself.
const toHex = (buffer: ArrayBuffer) => Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");

export const sha256Hex: Sha256Hex = async (data) => {
  const bytes = typeof data === "string" ? encoder.encode(data) : data;
  return toHex(await subtle().digest("SHA-256", bytes as Uint8Array<ArrayBuffer>));
};

const MAX_CACHED_KEYS = 16;
const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    if (keyCache.size >= MAX_CACHED_KEYS) keyCache.delete(keyCache.keys().next().value as string);
    key = subtle().importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keyCache.set(secret, key);
    key.catch(() => keyCache.delete(secret));
  }
  return key;
}

export const hmacSha256Hex: HmacSha256Hex = async (secret, message) =>
  toHex(await subtle().sign("HMAC", await hmacKey(secret), encoder.encode(message)));
