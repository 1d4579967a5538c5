// The entry points of @fgkit/helpers refuse a wrong argument by name, instead of failing later with
// a TypeError from inside ("Cannot read properties of undefined").
import { describe, expect, it } from "vitest";
import {
  computeSignature,
  fetchEcsAccessKeys,
  fetchIamToken,
  formatSdkDate,
  InvalidInputError,
  paginate,
  resolveCredentials,
  signRequest,
  unwrap,
  waitUntil,
  withAuth,
  withRetry,
} from "../../src/index.js";

const fetch = async () => new Response("{}");
/** waitUntil with a poll and check that are fine, and `options` as given. */
const waitWith = (options: unknown) =>
  waitUntil(
    "x",
    async () => 1,
    () => "success",
    options as never,
  );
const auth = resolveCredentials({ ak: "AK", sk: "SK" });

function thrown(call: () => unknown): unknown {
  try {
    const value = call();
    return value instanceof Promise ? value : undefined;
  } catch (error) {
    return error;
  }
}

async function refusal(call: () => unknown, message: string): Promise<void> {
  let error = thrown(call);
  if (error instanceof Promise)
    error = await error.then(
      () => undefined,
      (rejected: unknown) => rejected,
    );
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as Error).message).toBe(message);
}

describe("arguments of the helpers' entry points", () => {
  it("the transport layers", async () => {
    await refusal(() => withRetry(undefined as never), "next: must be a fetch function (request: Request) => Promise<Response>");
    await refusal(() => withRetry(fetch, null as never), "options: must be an object");
    await refusal(
      () => withAuth("fetch" as never, auth),
      "next: must be a fetch function (request: Request) => Promise<Response>",
    );
    await refusal(
      () => withAuth(fetch, { ak: "AK", sk: "SK" } as never),
      "auth: must be the result of resolveCredentials(credentials)",
    );
    await refusal(() => withAuth(fetch, auth, null as never), "options: must be an object");
  });

  it("signing", async () => {
    await refusal(() => signRequest("https://example.com" as never, { ak: "AK", sk: "SK" }), "request: must be a Request");
    await refusal(() => formatSdkDate("2024-01-01" as never), "date: must be a valid Date");
    await refusal(() => formatSdkDate(new Date(Number.NaN)), "date: must be a valid Date");
    expect(formatSdkDate(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)))).toBe("20240102T030405Z");
  });

  it("unwrap and waitUntil", async () => {
    await refusal(() => unwrap(undefined as never), "call: must be a client call's { data, error, response }, or its promise");
    await refusal(
      () => unwrap(Promise.resolve({ data: 1 }) as never),
      "call: must be a client call's { data, error, response }, or its promise",
    );
    expect(await unwrap({ data: 7, response: new Response("7") })).toBe(7);
    await refusal(
      () => waitUntil("x", undefined as never, () => "success"),
      "poll: must be a function (signal) => Promise<value>",
    );
    await refusal(
      () => waitUntil("x", async () => 1, "done" as never),
      'check: must be a function (value) => "success" | "failure" | "retry"',
    );
    await refusal(() => waitWith(null), "options: must be an object");
    await refusal(() => waitWith({ random: 0.5 }), "random: must be a function returning a number in [0, 1)");
    // Found out only while waiting: a random that gives NaN would poll without pause, and a check
    // that forgot to return would be taken as "retry" until maxWaitMs.
    await refusal(
      () =>
        waitUntil(
          "x",
          async () => 1,
          () => "retry",
          { random: () => Number.NaN },
        ),
      "random: must be a function returning a number in [0, 1)",
    );
    await refusal(
      () => waitUntil("x", async () => 1, (() => undefined) as never),
      'check: returned undefined; must return "success", "failure" or "retry"',
    );
    let polls = 0;
    await refusal(
      () =>
        waitUntil(
          "x",
          async () => ++polls,
          (n) => (n < 2 ? "retry" : (true as never)),
          { minDelayMs: 1 },
        ),
      'check: returned true; must return "success", "failure" or "retry"',
    );
    expect(polls).toBe(2);
  });

  it("the token and key fetchers", async () => {
    await refusal(() => fetchIamToken(undefined as never), "options: must be an object");
    await refusal(() => fetchEcsAccessKeys(null as never), "options: must be an object");
  });

  it("computeSignature names the part of its input that is wrong", async () => {
    const url = new URL("https://functiongraph.cn-north-4.myhuaweicloud.com/v2/p/fgs/functions");
    const keys = { ak: "AK", sk: "SK" };
    const sign = (input: unknown, options?: unknown) => computeSignature(input as never, keys, options as never);
    await refusal(() => sign(undefined), "input: must be an object");
    await refusal(() => sign({ method: "", url, headers: [] }), "input.method: must be a non-empty string");
    await refusal(() => sign({ method: "GET", url: url.href, headers: [] }), "input.url: must be a URL");
    const pairs = "input.headers: must be an iterable of [name, value] pairs (a Headers, or entries)";
    await refusal(() => sign({ method: "GET", url, headers: { a: "1" } }), pairs);
    await refusal(() => sign({ method: "GET", url, headers: "a: 1" }), pairs);
    await refusal(
      () => sign({ method: "GET", url, headers: [["a"]] }),
      "input.headers[0]: must be a [name, value] pair of strings",
    );
    await refusal(
      () => sign({ method: "GET", url, headers: [], body: { a: 1 } }),
      "input.body: must be a string, a Uint8Array or null",
    );
    await refusal(() => sign({ method: "GET", url, headers: [] }, null), "options: must be an object");
    expect((await sign({ method: "GET", url, headers: new Headers({ a: "1" }), body: null })).authorization).toMatch(
      /^SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;host;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it("paginate and waitUntil check their functions and signal", async () => {
    const walk = { fetchPage: async () => ({}), items: () => [], next: () => undefined };
    await refusal(() => paginate(undefined as never), "options: must be an object");
    await refusal(
      () => paginate({ ...walk, fetchPage: "x" } as never),
      "fetchPage: must be a function (cursor) => Promise<page>",
    );
    await refusal(
      () => paginate({ ...walk, next: undefined } as never),
      "next: must be a function (page, cursor, items) => next cursor",
    );
    await refusal(() => paginate({ ...walk, signal: { aborted: false } } as never), "signal: must be an AbortSignal");
    await refusal(() => waitWith({ signal: "stop" }), "signal: must be an AbortSignal");
  });

  it("a polyfill's signal (aborted, reason, addEventListener) is accepted, and its abort is heeded", async () => {
    const polyfill = (aborted: boolean) =>
      Object.assign(new EventTarget(), { aborted, reason: aborted ? new Error("stopped by the polyfill") : undefined });
    const pages = [{ items: [1, 2] }, { items: [3] }];
    const walk = (signal: unknown) =>
      paginate<{ items: number[] }, number, number>({
        fetchPage: async (cursor) => pages[cursor ?? 0] as { items: number[] },
        items: (page) => page.items,
        next: (_page, cursor) => ((cursor ?? 0) + 1 < pages.length ? (cursor ?? 0) + 1 : undefined),
        signal: signal as AbortSignal,
      });
    expect(await walk(polyfill(false)).all()).toEqual([1, 2, 3]);
    await expect(walk(polyfill(true)).all()).rejects.toSatisfy(
      (e) =>
        (e as Error).message === "pagination aborted by the caller" &&
        (e as Error).cause instanceof Error &&
        ((e as Error).cause as Error).message === "stopped by the polyfill",
    );
  });
});
