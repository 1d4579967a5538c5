// withRetry over a fetch transport: each attempt keeps the options of the caller's Request (fgkit's
// client asks for redirect: "manual"), and a browser's opaque redirect ends the call with a clear error.
import { describe, expect, it } from "vitest";
import { FunctionGraphError, withRetry } from "../../src/index.js";

const URL_ = "https://functiongraph.example.com/v2/p/fgs/functions";

/** A Response as a browser hands over a redirect under redirect: "manual": type "opaqueredirect", status 0. */
function opaqueRedirect(): Response {
  const response = new Response(null, { status: 200 });
  Object.defineProperties(response, {
    type: { value: "opaqueredirect" },
    status: { value: 0 },
    ok: { value: false },
    statusText: { value: "" },
  });
  return response;
}

describe("withRetry and redirects", () => {
  it("sends every attempt with the caller's redirect, credentials, cache and keepalive", async () => {
    const seen: Request[] = [];
    const fetch = withRetry(
      async (request) => {
        seen.push(request);
        return new Response("{}", { status: seen.length < 2 ? 503 : 200 });
      },
      { baseDelayMs: 1, random: () => 0 },
    );
    const response = await fetch(
      new Request(URL_, {
        method: "PUT",
        body: '{"a":1}',
        redirect: "manual",
        credentials: "omit",
        cache: "no-store",
        keepalive: true,
      }),
    );
    expect(response.status).toBe(200);
    expect(seen).toHaveLength(2);
    for (const request of seen) {
      expect(request).toMatchObject({
        method: "PUT",
        redirect: "manual",
        credentials: "omit",
        cache: "no-store",
        keepalive: true,
      });
      expect(await request.text()).toBe('{"a":1}');
    }
  });

  it("ends the call at an opaque redirect with a Redirect error: no retry, no crash building a status-0 Response", async () => {
    let attempts = 0;
    const fetch = withRetry(async () => {
      attempts++;
      return opaqueRedirect();
    });
    const failure = await fetch(new Request(URL_, { redirect: "manual", headers: { "x-auth-token": "secret-token" } })).catch(
      (error: unknown) => error,
    );
    expect(FunctionGraphError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ status: 0, code: "Redirect", attempts: 1 });
    expect((failure as Error).message).toBe(
      "GET /v2/p/fgs/functions: the endpoint answered with a redirect, which is not followed (the browser hides where it led)",
    );
    expect((failure as FunctionGraphError).request?.headers["x-auth-token"]).toBe("[REDACTED]");
    expect(attempts).toBe(1);
  });
});
