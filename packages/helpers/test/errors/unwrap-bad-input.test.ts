// recordExchange checks what it notes and unwrap checks the call result it builds an error from, so
// a hand-made stand-in is refused by name (InvalidInputError) instead of failing inside later.
import { describe, expect, it } from "vitest";
import { exchangeOf, FunctionGraphError, recordExchange, unwrap } from "../../src/index.js";
import { refused } from "../support/refused.js";

const failed = () => new Response('{"error_code":"FSS.0500"}', { status: 500 });

describe("recordExchange", () => {
  it.each([
    ["an empty object", {}, "request"],
    ["a Date", new Date(0), "request"],
    ["a relative URL", { method: "GET", url: "/v2/p", headers: new Headers() }, "request.url"],
    ["no headers", { method: "GET", url: "https://example.com/" }, "request.headers"],
    ["headers as a record", { method: "GET", url: "https://example.com/", headers: { a: "1" } }, "request.headers"],
    ["no method", { url: "https://example.com/", headers: new Headers() }, "request.method"],
  ])("refuses %s as the request, at once", async (_, request, field) => {
    await refused(() => recordExchange(failed(), request as never, 1), field);
  });

  it("refuses what a request function makes when it is not a Request, when the exchange is read", async () => {
    const response = failed();
    recordExchange(response, () => ({}) as never, 1);
    await refused(() => exchangeOf(response), "request()");
    await refused(() => unwrap({ response }), "request()");
  });

  it("takes a Request, a function making one, or another implementation's request", async () => {
    const described = (request: unknown) => {
      const response = failed();
      recordExchange(response, request as never, 2);
      return exchangeOf(response);
    };
    const expected = { request: { method: "GET", url: "https://example.com/a", headers: {} }, attempts: 2 };
    expect(described(new Request("https://example.com/a"))).toEqual(expected);
    expect(described(() => new Request("https://example.com/a"))).toEqual(expected);
    expect(described({ method: "GET", url: "https://example.com/a", headers: new Headers() })).toEqual(expected);
  });
});

describe("unwrap", () => {
  it.each([
    ["no headers", { status: 500, ok: false, url: "" }, "call.response.headers"],
    ["headers that are not a Headers", { status: 500, ok: false, url: "", headers: "x" }, "call.response.headers"],
    ["a relative url", { status: 500, ok: false, url: "x", headers: new Headers() }, "call.response.url"],
    ["a url that is not text", { status: 500, ok: false, url: 5, headers: new Headers() }, "call.response.url"],
  ])("refuses a failed call's response with %s", async (_, response, field) => {
    await refused(() => unwrap({ error: { error_code: "E" }, response: response as never }), field);
  });

  it("still turns a stand-in without a url, or an empty one, into a FunctionGraphError", async () => {
    for (const response of [
      { status: 500, ok: false, headers: new Headers() },
      { status: 500, ok: false, url: "", headers: new Headers() },
      { status: 500, ok: false, url: "https://example.com/v2/p/fgs/functions", headers: new Headers() },
    ]) {
      const error = await unwrap({ error: { error_code: "E" }, response: response as never }).catch((e: unknown) => e);
      expect(FunctionGraphError.isInstance(error)).toBe(true);
      expect((error as FunctionGraphError).code).toBe("E");
      // No URL given stands as about:blank; one given is the request's.
      expect((error as FunctionGraphError).request).toMatchObject({ method: "UNKNOWN", url: response.url || "about:blank" });
    }
  });

  it("hands back a successful call's data without looking further", async () => {
    expect(await unwrap({ data: 1, response: { status: 200, ok: true } as never })).toBe(1);
  });
});
