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
// crypto.hash: no Hmac object (a native handle to set up and later collect) per signature. In a tight
// loop it costs the same as createHmac; it leaves less for the garbage collector in a busy client.
// The padded keys are cached per secret.
const BLOCK = 64;
const MAX_CACHED_KEYS = 16;
const paddedKeys = new Map<string, { inner: Buffer; outer: Buffer }>();

function paddedKey(secret: string): { inner: Buffer; outer: Buffer } {
  let padded = paddedKeys.get(secret);
  if (!padded) {
    if (paddedKeys.size >= MAX_CACHED_KEYS) paddedKeys.delete(paddedKeys.keys().next().value as string);
    let key: Buffer = Buffer.from(secret, "utf8");
    if (key.length > BLOCK) key = crypto().hash("sha256", key, "buffer") as unknown as Buffer;
    const inner = Buffer.alloc(BLOCK);
    // The outer input: the padded key, then room for the inner digest.
    const outer = Buffer.alloc(BLOCK + 32);
    for (let i = 0; i < BLOCK; i++) {
      const byte = key[i] ?? 0;
      inner[i] = byte ^ 0x36;
      outer[i] = byte ^ 0x5c;
    }
    padded = { inner, outer };
    paddedKeys.set(secret, padded);
  }
  return padded;
}

export const hmacSha256Hex: HmacSha256Hex = (secret, message) => {
  const { inner, outer } = paddedKey(secret);
  const innerInput = Buffer.allocUnsafe(BLOCK + Buffer.byteLength(message, "utf8"));
  inner.copy(innerInput);
  innerInput.write(message, BLOCK, "utf8");
  const digest = crypto().hash("sha256", innerInput, "buffer") as unknown as Buffer;
  digest.copy(outer, BLOCK);
  return crypto().hash("sha256", outer, "hex");
};
