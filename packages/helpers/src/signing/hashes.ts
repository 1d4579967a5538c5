// The two hash functions the signer needs. Each platform's module (crypto-node.ts, crypto-web.ts)
// implements them; the package's `#crypto` import chooses one by export condition.

/** Lower-case hex SHA-256 of a UTF-8 string or of bytes. */
export type Sha256Hex = (data: string | Uint8Array) => string | Promise<string>;

/** Lower-case hex HMAC-SHA256 of a UTF-8 message under a UTF-8 secret. */
export type HmacSha256Hex = (secret: string, message: string) => string | Promise<string>;

export interface Hashes {
  sha256Hex: Sha256Hex;
  hmacSha256Hex: HmacSha256Hex;
}
