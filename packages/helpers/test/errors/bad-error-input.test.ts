// Building blocks given what they cannot use say which field, rather than fail inside: an error's
// stand-in request or answer, fullJitterDelay's required numbers, an endpoint's opt-in to plain http.
import { describe, expect, it } from "vitest";
import { errorFromResponse, FunctionGraphError, fullJitterDelay, parseEndpoint, redactUrl } from "../../src/index.js";

describe("FunctionGraphError and errorFromResponse given a stand-in request", () => {
  it("label a call whose URL does not parse with its text, redacted, instead of throwing", () => {
    const request = { method: "GET", url: "/v2/p/fgs/functions?token=secret123", headers: {} };
    const error = errorFromResponse(request, new Response("", { status: 500 }), undefined);
    expect(error.message).toBe("GET /v2/p/fgs/functions failed with 500: empty body");
    expect(error.request?.url).toBe("/v2/p/fgs/functions?token=[REDACTED]");
  });

  it("refuse headers that are not headers by name", () => {
    expect(
      () => new FunctionGraphError("x", { status: 0, request: { method: "GET", url: "https://h/p", headers: 5 as never } }),
    ).toThrow("request.headers: must be a Headers, a record of header values, or name/value pairs");
    expect(
      () => new FunctionGraphError("x", { status: 500, response: { status: 500, headers: "x" as never, data: undefined } }),
    ).toThrow("response.headers: must be");
  });
});

describe("redactUrl", () => {
  it("cuts the query parameters that may carry a credential, by their common names", () => {
    const url = "https://h/p?security_token=a&x-auth-token=b&signature=c&api_key=d&marker=5";
    expect(redactUrl(url)).toBe(
      "https://h/p?security_token=[REDACTED]&x-auth-token=[REDACTED]&signature=[REDACTED]&api_key=[REDACTED]&marker=5",
    );
  });
});

describe("fullJitterDelay", () => {
  it("requires its three numbers (an undefined one made the delay NaN)", () => {
    expect(() => fullJitterDelay(undefined as never, 100, 1000)).toThrow("retry: is required");
    expect(() => fullJitterDelay(1, undefined as never, 1000)).toThrow("baseMs: is required");
    expect(() => fullJitterDelay(1, 100, undefined as never)).toThrow("capMs: is required");
  });

  it("refuses a random source out of [0, 1) rather than give a delay past the cap", () => {
    expect(() => fullJitterDelay(1, 100, 1000, () => 5)).toThrow("random: must return a number in [0, 1), returned 5");
    expect(fullJitterDelay(1, 100, 1000, () => 0.5)).toBe(100);
  });
});

describe("allowInsecureHttp", () => {
  it('must be a boolean: a string such as "false" is refused, not taken as yes', () => {
    for (const given of ["false", "true", 1, {}])
      expect(
        () => parseEndpoint("endpoint", "http://fg.example.com", { allowInsecureHttp: given as never }),
        String(given),
      ).toThrow("allowInsecureHttp: must be true or false");
    expect(parseEndpoint("endpoint", "http://fg.example.com", { allowInsecureHttp: true })).toBe("http://fg.example.com");
  });
});
