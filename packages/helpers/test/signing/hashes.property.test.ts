// Both platforms' hash functions against node:crypto's own HMAC and SHA-256, for any secret (short,
// about a block, longer than a block, non-ASCII; never empty: credentials refuse an empty SK, and
// Web Crypto has no zero-length keys) and any message.
import { createHash, createHmac } from "node:crypto";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { InvalidInputError } from "../../src/index.js";
import * as nodeHashes from "../../src/signing/crypto-node.js";
import * as webHashes from "../../src/signing/crypto-web.js";

const secrets = fc.oneof(
  fc.string({ unit: "grapheme", minLength: 1, maxLength: 100 }),
  fc.string({ minLength: 60, maxLength: 70 }),
  fc.string({ unit: "binary", minLength: 1, maxLength: 200 }),
);
const messages = fc.oneof(fc.string({ unit: "grapheme", maxLength: 300 }), fc.string({ minLength: 50, maxLength: 130 }));

describe.each([
  ["node:crypto", nodeHashes],
  ["Web Crypto", webHashes],
])("the %s hashes", (_name, hashes) => {
  it("compute HMAC-SHA256 as node:crypto's Hmac does", async () => {
    await fc.assert(
      fc.asyncProperty(secrets, messages, async (secret, message) => {
        expect(await hashes.hmacSha256Hex(secret, message)).toBe(createHmac("sha256", secret).update(message).digest("hex"));
      }),
      { numRuns: 300 },
    );
  });

  it("compute SHA-256 of strings and bytes", async () => {
    await fc.assert(
      fc.asyncProperty(messages, fc.uint8Array({ maxLength: 300 }), async (text, bytes) => {
        expect(await hashes.sha256Hex(text)).toBe(createHash("sha256").update(text).digest("hex"));
        expect(await hashes.sha256Hex(bytes)).toBe(createHash("sha256").update(bytes).digest("hex"));
      }),
      { numRuns: 200 },
    );
  });

  it("keep each secret's key apart from the others'", async () => {
    const first = await hashes.hmacSha256Hex("secret-one", "message");
    await hashes.hmacSha256Hex("x".repeat(100), "message");
    expect(await hashes.hmacSha256Hex("secret-one", "message")).toBe(first);
    expect(await hashes.hmacSha256Hex("secret-two", "message")).not.toBe(first);
  });
});

describe("Web Crypto missing (a page served over plain http, Node 18)", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const realProcess = globalThis.process;
  /** What signing with the Web build says where `crypto` is `{}`; `process` as given while it starts. */
  async function refusals(process: unknown): Promise<unknown[]> {
    vi.stubGlobal("crypto", {});
    vi.stubGlobal("process", process);
    // Started while the stubs hold: Web Crypto is looked for before the first await.
    const hashings = [webHashes.sha256Hex("x"), webHashes.hmacSha256Hex("a secret never cached", "x")];
    vi.stubGlobal("process", realProcess);
    return Promise.all(
      hashings.map((hashing) =>
        Promise.resolve(hashing).then(
          () => undefined,
          (reason: unknown) => reason,
        ),
      ),
    );
  }

  it("is refused by name with what to do, not left to fail as if the request had been lost", async () => {
    for (const error of await refusals(undefined)) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field: "credentials" });
      expect((error as Error).message).toMatch(/secure contexts: serve the page over https or from localhost/);
    }
  });

  it("on Node (before 19), names the bundler's missing `node` condition that gave it the Web build", async () => {
    for (const error of await refusals(realProcess)) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect(error).toMatchObject({ field: "credentials" });
      expect((error as Error).message).toMatch(
        /Node before 19 has no global for: this is fgkit's Web build, taken by a bundler .* without the `node` export condition/,
      );
    }
  });
});
