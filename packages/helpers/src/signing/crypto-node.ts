// SHA-256 and HMAC-SHA256 over node:crypto, which the package's `#crypto` import picks on Node:
// synchronous, about 1 µs a call, where a Web Crypto call costs tens of µs (a promise and a hop to
// the thread pool).
/// <reference types="node" />
import type { HmacSha256Hex, Sha256Hex } from "./hashes.js";

// Loaded at the first signature, not at import: it is a few ms of a cold start.
let nodeCrypto: typeof import("node:crypto") | undefined;
const crypto = () => (nodeCrypto ??= process.getBuiltinModule("node:crypto"));

// crypto.hash (one call, no Hash object) is about twice as fast as createHash for short inputs.
export const sha256Hex: Sha256Hex = (data) => crypto().hash("sha256", data, "hex");

// HMAC-SHA256 as its definition gives it, H((K ^ opad) || H((K ^ ipad) || message)), over two calls of
// crypto.hash: no Hmac object (a native handle to set up and later collect) per signature. The padded
// keys are cached per secret. When the secret is ASCII (an SK always is) the inner pad is too, so the
// inner input can be a string (hashed as UTF-8, which leaves ASCII as it is) and needs no Buffer; the
// inner digest comes back as a latin1 string, cheaper than a Buffer. About half the cost of createHmac.
const BLOCK = 64;
const MAX_CACHED_KEYS = 16;
interface PaddedKey {
  /** The inner pad as text when it is ASCII. */
  innerPadText: string | undefined;
  inner: Buffer;
  /** The outer pad, then room for the inner digest. */
  outer: Buffer;
}
const paddedKeys = new Map<string, PaddedKey>();

function paddedKey(secret: string): PaddedKey {
  let padded = paddedKeys.get(secret);
  if (!padded) {
    if (paddedKeys.size >= MAX_CACHED_KEYS) paddedKeys.delete(paddedKeys.keys().next().value as string);
    let key: Buffer = Buffer.from(secret, "utf8");
    if (key.length > BLOCK) key = crypto().hash("sha256", key, "buffer") as unknown as Buffer;
    const inner = Buffer.alloc(BLOCK);
    const outer = Buffer.alloc(BLOCK + 32);
    let ascii = true;
    for (let i = 0; i < BLOCK; i++) {
      const byte = key[i] ?? 0;
      inner[i] = byte ^ 0x36;
      outer[i] = byte ^ 0x5c;
      if (byte >= 0x80) ascii = false;
    }
    padded = { innerPadText: ascii ? inner.toString("latin1") : undefined, inner, outer };
    paddedKeys.set(secret, padded);
  }
  return padded;
}

export const hmacSha256Hex: HmacSha256Hex = (secret, message) => {
  const { innerPadText, inner, outer } = paddedKey(secret);
  let innerInput: string | Buffer;
  if (innerPadText !== undefined) innerInput = innerPadText + message;
  else {
    innerInput = Buffer.allocUnsafe(BLOCK + Buffer.byteLength(message, "utf8"));
    inner.copy(innerInput);
    innerInput.write(message, BLOCK, "utf8");
  }
  outer.write(crypto().hash("sha256", innerInput, "binary"), BLOCK, "binary");
  return crypto().hash("sha256", outer, "hex");
};
