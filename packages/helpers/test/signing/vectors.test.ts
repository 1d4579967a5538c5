import { describe, expect, it } from "vitest";
import { computeSignature, signRequest } from "../../src/index.js";
import * as nodeHashes from "../../src/signing/crypto-node.js";
import * as webHashes from "../../src/signing/crypto-web.js";
import { computeSignatureWith } from "../../src/signing/sign.js";
import { type Vector, vectors } from "./vectors.js";

// The vectors list `host` among the headers; a fetch Request takes it from the URL instead.
const withoutHost = (headers: Record<string, string>) => Object.entries(headers).filter(([name]) => name !== "host");

describe("computeSignature reproduces the official signer", () => {
  it("has all 25 vectors", () => expect(vectors).toHaveLength(25));

  for (const v of vectors) {
    it(`computes the signature for ${v.name}`, async () => {
      expect(v.headers.host).toBe(new URL(v.url).host);
      const securityToken = v.headers["X-Security-Token"];
      const result = await computeSignature(
        { method: v.method, url: new URL(v.url), headers: withoutHost(v.headers), body: v.body },
        { ak: v.ak, sk: v.sk, ...(securityToken ? { securityToken } : {}) },
      );
      expect(result.canonicalRequest).toBe(v.expected.canonical_request);
      expect(result.stringToSign).toBe(v.expected.string_to_sign);
      expect(result.signedHeaders).toBe(v.expected.signed_headers);
      expect(result.authorization).toBe(v.expected.authorization);
    });
  }
});

// The package picks node:crypto on Node and Web Crypto elsewhere (its `#crypto` import): both must
// reproduce every vector, the Web Crypto one with its promises, node:crypto without any.
describe.each([
  ["node:crypto", nodeHashes],
  ["Web Crypto", webHashes],
])("computeSignature over %s reproduces the official signer", (_name, hashes) => {
  for (const v of vectors) {
    it(v.name, async () => {
      const securityToken = v.headers["X-Security-Token"];
      const result = await computeSignatureWith(
        hashes,
        { method: v.method, url: new URL(v.url), headers: withoutHost(v.headers), body: v.body },
        { ak: v.ak, sk: v.sk, ...(securityToken ? { securityToken } : {}) },
      );
      expect(result.canonicalRequest).toBe(v.expected.canonical_request);
      expect(result.stringToSign).toBe(v.expected.string_to_sign);
      expect(result.authorization).toBe(v.expected.authorization);
    });
  }

  it(hashes === nodeHashes ? "signs synchronously" : "signs asynchronously", () => {
    const v = vectors[0] as Vector;
    const result = computeSignatureWith(hashes, { method: v.method, url: new URL(v.url), headers: withoutHost(v.headers) }, v);
    expect(result instanceof Promise).toBe(hashes === webHashes);
  });
});

describe("signRequest", () => {
  for (const v of vectors) {
    it(`signs a fetch Request for ${v.name} and sends the bytes it hashed`, async () => {
      const request = new Request(v.url, { method: v.method, headers: withoutHost(v.headers), body: v.body });
      const signed = await signRequest(request, { ak: v.ak, sk: v.sk });
      expect(signed.headers.get("authorization")).toBe(v.expected.authorization);
      expect(signed.url).toBe(request.url);
      expect(await signed.text()).toBe(v.body ?? "");
    });
  }

  it("keeps the request's other options: signal, redirect, cache, credentials, keepalive, referrer", async () => {
    const controller = new AbortController();
    const request = new Request("https://fg.example.com/v2/p/functions", {
      method: "POST",
      body: "{}",
      signal: controller.signal,
      redirect: "manual",
      cache: "no-store",
      credentials: "omit",
      keepalive: true,
      referrerPolicy: "no-referrer",
    });
    const signed = await signRequest(request, { ak: "AK", sk: "SK" });
    expect(signed).toMatchObject({ method: "POST", redirect: "manual", cache: "no-store", credentials: "omit", keepalive: true });
    expect([signed.referrer, signed.referrerPolicy]).toEqual([request.referrer, "no-referrer"]);
    controller.abort("stop");
    expect(signed.signal.aborted).toBe(true);
  });
});
