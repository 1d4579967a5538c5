// withRetry bounds what it does not control, and refuses what would make it fail inside: a fetch of
// the caller's own that ignores the attempt's signal, or resolves to something else; a random source
// out of range; a clock it cannot write; a request that is none. A transport's error that quotes the
// request when an attempt times out keeps no secret either.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { type FetchLike, FunctionGraphError, InvalidInputError, withRetry } from "../../src/index.js";

const never = () => new Promise<never>(() => {});
const URL_ = "https://fg.example.com/v2/p/fgs/functions";

describe("a fetch of the caller's own that does not heed the attempt's signal", () => {
  it("still ends at the attempt timeout, with Timeout, instead of waiting for ever", async () => {
    const started = Date.now();
    const error = await withRetry(never, { attemptTimeoutMs: 50, maxAttempts: 1 })(new Request(URL_)).catch((e) => e);
    expect(FunctionGraphError.isInstance(error) && error.code).toBe("Timeout");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("ends at the call's deadline and at the caller's abort too", async () => {
    const deadline = await withRetry(never, { attemptTimeoutMs: 0, totalTimeoutMs: 50 })(new Request(URL_)).catch((e) => e);
    expect(deadline).toMatchObject({ code: "Timeout" });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("enough")), 30);
    const aborted = await withRetry(never, { attemptTimeoutMs: 0 })(new Request(URL_, { signal: controller.signal })).catch(
      (e) => e,
    );
    expect(aborted).toMatchObject({ code: "Aborted" });
  });

  it("ends at the attempt timeout when the answer's body never ends", async () => {
    const endless: FetchLike = async () =>
      new Response(new ReadableStream({ start: (controller) => controller.enqueue(new Uint8Array([123])) }), { status: 200 });
    const error = await withRetry(endless, { attemptTimeoutMs: 50, maxAttempts: 1 })(new Request(URL_)).catch((e) => e);
    expect(error).toMatchObject({ code: "Timeout" });
  });

  it("keeps no secret in the Timeout's cause when its rejection quotes the request", async () => {
    const quoting: FetchLike = (request) =>
      new Promise((_, reject) =>
        request.signal.addEventListener("abort", () =>
          reject(new Error(`gave up on ${JSON.stringify(Object.fromEntries(request.headers))}`)),
        ),
      );
    const request = new Request(URL_, { headers: { "X-Auth-Token": "MIIYquotedTOKEN0123456789" } });
    const error = await withRetry(quoting, { attemptTimeoutMs: 30, maxAttempts: 1 })(request).catch((e) => e);
    expect(error).toMatchObject({ code: "Timeout" });
    expect(inspect(error, { depth: null, showHidden: true })).not.toContain("MIIYquotedTOKEN0123456789");
    expect(inspect(error, { depth: null })).toContain("[REDACTED]");
  });
});

describe("what withRetry refuses by name", () => {
  it("a fetch that resolves to something that is not a Response", async () => {
    const odd = (async () => ({ ok: true })) as unknown as FetchLike;
    const error = await withRetry(odd)(new Request(URL_)).catch((e) => e);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect(error.message).toBe("fetch: resolved to something that is not a Response");
  });

  it("a random source out of [0, 1), before it sleeps for years", async () => {
    let calls = 0;
    const busy: FetchLike = async () => {
      calls++;
      return new Response("", { status: 503 });
    };
    const error = await withRetry(busy, { random: () => 1e9, baseDelayMs: 1 })(new Request(URL_)).catch((e) => e);
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect(error.message).toBe("random: must return a number in [0, 1), returned 1000000000");
    expect(calls).toBe(1);
  });

  it("a clock it could not write a skew fix to, and a request that is none", async () => {
    const ok: FetchLike = async () => new Response("{}");
    for (const clock of ["abc", Object.freeze({ offsetMs: 0 }), { offsetMs: "0" }])
      expect(() => withRetry(ok, { clock } as never), String(clock)).toThrow(/^clock: must be/);
    const error = await withRetry(ok)({} as Request).catch((e) => e);
    expect(InvalidInputError.isInstance(error) && error.message).toBe("request: must be a Request");
  });
});
