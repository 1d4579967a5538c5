// SHA-256 and HMAC-SHA256 over node:crypto, which the package's `#crypto` import picks on Node:
// synchronous, about 1 µs a call, where a Web Crypto call costs tens of µs (a promise and a hop to
// the thread pool).
/// <reference types="node" />
import { builtinNow } from "../transport/node-builtin.js";
import type { HmacSha256Hex, Sha256Hex } from "./hashes.js";

type NodeCrypto = typeof import("node:crypto");

// Loaded at the first signature, not at import: it is a few ms of a cold start. The ESM build on a
// Node before 20.16 (FunctionGraph's Node.js 18.15 and 20.15 runtimes), which has no
// process.getBuiltinModule, loads it by import(): the signatures made before it has come are
// asynchronous there, as Web Crypto's are (the signer takes either). See node-builtin.ts.
let nodeCrypto: NodeCrypto | undefined;
let loading: Promise<NodeCrypto> | undefined;

/** node:crypto when it is at hand (always, once loaded), else undefined and `loading` set. */
function cryptoNow(): NodeCrypto | undefined {
  if (nodeCrypto === undefined) nodeCrypto = builtinNow("node:crypto");
  if (nodeCrypto === undefined) loading ??= import("node:crypto").then((loaded) => (nodeCrypto = loaded));
  return nodeCrypto;
}

// crypto.hash (one call, no Hash object) is about twice as fast as createHash for short inputs; Node
// before 20.12 (the Node.js 18.15 runtime) has only createHash.
type Digest = (data: string | Uint8Array, encoding: "hex" | "binary") => string;
const digestWith = (crypto: NodeCrypto): Digest =>
  typeof crypto.hash === "function"
    ? (data, encoding) => crypto.hash("sha256", data, encoding)
    : (data, encoding) => crypto.createHash("sha256").update(data).digest(encoding);
let digest: Digest | undefined;
const sha256 = (crypto: NodeCrypto): Digest => (digest ??= digestWith(crypto));

export const sha256Hex: Sha256Hex = (data) => {
  const crypto = cryptoNow();
  return crypto ? sha256(crypto)(data, "hex") : (loading as Promise<NodeCrypto>).then((loaded) => sha256(loaded)(data, "hex"));
};

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

function paddedKey(crypto: NodeCrypto, secret: string): PaddedKey {
  let padded = paddedKeys.get(secret);
  if (!padded) {
    if (paddedKeys.size >= MAX_CACHED_KEYS) paddedKeys.delete(paddedKeys.keys().next().value as string);
    let key: Buffer = Buffer.from(secret, "utf8");
    if (key.length > BLOCK) key = Buffer.from(sha256(crypto)(key, "binary"), "binary");
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
  const crypto = cryptoNow();
  return crypto
    ? hmac(crypto, secret, message)
    : (loading as Promise<NodeCrypto>).then((loaded) => hmac(loaded, secret, message));
};

function hmac(crypto: NodeCrypto, secret: string, message: string): string {
  const { innerPadText, inner, outer } = paddedKey(crypto, secret);
  let innerInput: string | Buffer;
  if (innerPadText !== undefined) innerInput = innerPadText + message;
  else {
    innerInput = Buffer.allocUnsafe(BLOCK + Buffer.byteLength(message, "utf8"));
    inner.copy(innerInput);
    innerInput.write(message, BLOCK, "utf8");
  }
  const hash = sha256(crypto);
  outer.write(hash(innerInput, "binary"), BLOCK, "binary");
  return hash(outer, "hex");
}
