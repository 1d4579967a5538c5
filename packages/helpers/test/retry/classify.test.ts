import { describe, expect, it } from "vitest";
import { ProviderFailure } from "../../src/auth/provider-failure.js";
import { isTransientNetworkError } from "../../src/index.js";
import { sentNothing } from "../../src/retry/classify.js";

const withCode = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe("isTransientNetworkError", () => {
  it.each([
    "ECONNRESET",
    "ECONNREFUSED",
    "EPIPE",
    "ETIMEDOUT",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "ENOTFOUND",
    "EAI_AGAIN",
    "UND_ERR_SOCKET",
    "UND_ERR_CLOSED",
    "UND_ERR_CONNECT_TIMEOUT",
    "UND_ERR_HEADERS_TIMEOUT",
    "UND_ERR_BODY_TIMEOUT",
  ])("counts a failed connection with code %s, directly or as the cause", (code) => {
    expect(isTransientNetworkError(withCode(code))).toBe(true);
    expect(isTransientNetworkError(new Error("outer", { cause: withCode(code) }))).toBe(true);
  });

  it.each([
    ["undici", "fetch failed"],
    ["undici, a body cut short", "terminated"],
    ["Chrome", "Failed to fetch"],
    ["Firefox", "NetworkError when attempting to fetch resource."],
    ["Safari", "Load failed"],
  ])("counts the TypeError fetch throws in %s (%j)", (_, message) => {
    expect(isTransientNetworkError(new TypeError(message))).toBe(true);
  });

  it.each([
    "HPE_UNEXPECTED_CONTENT_LENGTH",
    "HPE_INVALID_HEADER_TOKEN",
    "UND_ERR_HEADERS_OVERFLOW",
    "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
  ])("does not count an answer that broke HTTP (%s), even inside fetch's TypeError", (code) => {
    expect(isTransientNetworkError(new TypeError("fetch failed", { cause: withCode(code) }))).toBe(false);
    expect(isTransientNetworkError(new TypeError("terminated", { cause: new Error("x", { cause: withCode(code) }) }))).toBe(
      false,
    );
  });

  it.each([
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "SELF_SIGNED_CERT_IN_CHAIN",
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "CERT_HAS_EXPIRED",
    "CERT_NOT_YET_VALID",
    "ERR_TLS_CERT_ALTNAME_INVALID",
    "ERR_SSL_WRONG_VERSION_NUMBER",
  ])("does not count a refused certificate (%s), even inside fetch's TypeError: every handshake fails alike", (code) => {
    expect(isTransientNetworkError(withCode(code))).toBe(false);
    expect(isTransientNetworkError(new TypeError("fetch failed", { cause: withCode(code) }))).toBe(false);
  });

  it("does not count other errors, codes or a cause chain past its depth", () => {
    expect(isTransientNetworkError(withCode("ECONNRESETX"))).toBe(false);
    expect(isTransientNetworkError(withCode("UND_ERR_INVALID_ARG"))).toBe(false);
    expect(isTransientNetworkError(Object.assign(new Error("x"), { code: 104 }))).toBe(false);
    expect(isTransientNetworkError(new Error("Failed to fetch"))).toBe(false); // not a TypeError
    expect(isTransientNetworkError(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isTransientNetworkError(new DOMException("The operation was aborted.", "AbortError"))).toBe(false);
    expect(isTransientNetworkError("ECONNRESET")).toBe(false);
    let deep: Error = withCode("ECONNRESET");
    for (let i = 0; i < 5; i++) deep = new Error("wrapped", { cause: deep });
    expect(isTransientNetworkError(deep)).toBe(false);
  });
});

describe("sentNothing (retried whatever the method)", () => {
  const failed = (code: string, syscall?: string) => Object.assign(new Error(`${syscall ?? "x"} ${code}`), { code, syscall });

  it.each([
    ["ECONNREFUSED", "connect"],
    ["EHOSTUNREACH", "connect"],
    ["ENETUNREACH", "connect"],
    ["ENOTFOUND", "getaddrinfo"],
    ["EAI_AGAIN", "getaddrinfo"],
    ["UND_ERR_CONNECT_TIMEOUT", undefined],
  ])("holds for %s from %s, directly or as the cause: no connection was made", (code, syscall) => {
    expect(sentNothing(failed(code, syscall))).toBe(true);
    expect(sentNothing(new TypeError("fetch failed", { cause: failed(code, syscall) }))).toBe(true);
  });

  it.each([
    ["EHOSTUNREACH", "read"],
    ["ENETUNREACH", "write"],
    ["ECONNREFUSED", undefined],
    ["ECONNRESET", "read"],
    ["EPIPE", "write"],
    ["ETIMEDOUT", "read"],
    ["UND_ERR_SOCKET", undefined],
    ["UND_ERR_HEADERS_TIMEOUT", undefined],
  ])("does not hold for %s from %s: the request may have reached the server", (code, syscall) => {
    expect(sentNothing(failed(code, syscall))).toBe(false);
  });

  it("holds for a credentials provider's failure, and not for an error without a code", () => {
    expect(sentNothing(new ProviderFailure("metadata service down"))).toBe(true);
    expect(sentNothing(new TypeError("fetch failed"))).toBe(false);
    expect(sentNothing(undefined)).toBe(false);
  });
});
