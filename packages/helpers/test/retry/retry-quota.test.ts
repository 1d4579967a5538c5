// The retry quota: retries spend tokens (5 after an error answer, 10 after a timeout or a network
// error) and successes earn them back, so that a service that keeps failing soon sees one attempt
// per call instead of three, and retries come back as calls succeed again.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import {
  createRetryQuota,
  type FetchLike,
  FunctionGraphError,
  type RetryOptions,
  resolveRetryOptions,
  withRetry,
} from "../../src/index.js";

const URL_ = "https://fg.example.com/v2/p/fgs/functions";
const NO_WAIT = { baseDelayMs: 0, throttlingBaseDelayMs: 0, random: () => 0 } as const;

/** A transport answering with the statuses it is given, one per request (the last one repeats). */
function scripted() {
  const statuses: number[] = [];
  let sent = 0;
  const transport: FetchLike = async () => {
    sent++;
    const status = statuses.length > 1 ? (statuses.shift() as number) : (statuses[0] ?? 200);
    return Response.json(status === 200 ? { ok: true } : { error_code: "FSS.0500" }, { status });
  };
  return {
    transport,
    answer: (...next: number[]) => statuses.splice(0, statuses.length, ...next),
    sent: () => sent,
  };
}

/** The number of requests one GET took. */
async function attemptsOf(send: (request: Request) => Promise<Response>, server: ReturnType<typeof scripted>) {
  const before = server.sent();
  await send(new Request(URL_));
  return server.sent() - before;
}

describe("the retry quota", () => {
  it("stops retrying once its tokens are spent, and retries again as calls succeed", async () => {
    const server = scripted();
    const quota = createRetryQuota(10);
    const send = withRetry(server.transport, { ...NO_WAIT, retryQuota: quota });

    server.answer(503);
    expect(await attemptsOf(send, server)).toBe(3); // two retries, 5 tokens each
    expect(quota.available).toBe(0);
    expect(await attemptsOf(send, server)).toBe(1); // none left: the 503 is the answer at once

    server.answer(200);
    for (let i = 0; i < 5; i++) expect(await attemptsOf(send, server)).toBe(1); // +1 token each
    expect(quota.available).toBe(5);

    server.answer(503);
    expect(await attemptsOf(send, server)).toBe(2); // one retry paid for, then 0 left
    expect(quota.available).toBe(0);
  });

  it("gives a successful retry's cost back, and never holds more than its capacity", async () => {
    const server = scripted();
    const quota = createRetryQuota(10);
    const send = withRetry(server.transport, { ...NO_WAIT, retryQuota: quota });
    server.answer(503, 200);
    expect(await attemptsOf(send, server)).toBe(2);
    expect(quota.available).toBe(10);
    server.answer(200);
    await send(new Request(URL_));
    expect(quota).toMatchObject({ available: 10, capacity: 10 });
  });

  it("takes nothing back for a call that ends in an error answer", async () => {
    const server = scripted();
    const quota = createRetryQuota(20);
    const send = withRetry(server.transport, { ...NO_WAIT, retryQuota: quota });
    server.answer(503, 404);
    expect(await attemptsOf(send, server)).toBe(2);
    expect(quota.available).toBe(15);
  });

  it("charges 10 for a retry after a network error, and says when the quota held one back", async () => {
    let sent = 0;
    const reset: FetchLike = async () => {
      sent++;
      throw new TypeError("fetch failed", { cause: Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }) });
    };
    const quota = createRetryQuota(15);
    const error = await withRetry(reset, { ...NO_WAIT, retryQuota: quota })(new Request(URL_)).catch((e: unknown) => e);
    expect(sent).toBe(2); // 10 for the first retry; the 5 left cannot pay for a second
    expect(quota.available).toBe(5);
    expect(error).toBeInstanceOf(FunctionGraphError);
    expect((error as FunctionGraphError).code).toBe("NetworkError");
    expect((error as FunctionGraphError).message).toContain("not sent again, as the client's retry quota is spent");
  });

  it("does not charge for a 401 sent once more with new credentials", async () => {
    const server = scripted();
    const quota = createRetryQuota(0);
    server.answer(401, 200);
    const send = withRetry(server.transport, { ...NO_WAIT, retryQuota: quota, onUnauthorized: () => true });
    expect(await attemptsOf(send, server)).toBe(2);
    expect(quota.available).toBe(0);
  });

  it("holds 500 tokens for each wrapper by default (100 retries), and none limit retryQuota: false", async () => {
    const bySetting = async (retry: RetryOptions) => {
      const server = scripted();
      server.answer(503);
      const send = withRetry(server.transport, { ...NO_WAIT, maxAttempts: 2, ...retry });
      const attempts: number[] = [];
      for (let i = 0; i < 101; i++) attempts.push(await attemptsOf(send, server));
      return attempts;
    };
    const byDefault = await bySetting({});
    expect(byDefault.slice(0, 100).every((n) => n === 2)).toBe(true);
    expect(byDefault[100]).toBe(1);
    expect((await bySetting({ retryQuota: false })).every((n) => n === 2)).toBe(true);
    expect((await bySetting({ retryQuota: 50 })).filter((n) => n === 2)).toHaveLength(10);
  });

  it("one quota shared by two wrappers is spent by both", async () => {
    const server = scripted();
    server.answer(503);
    const quota = createRetryQuota(10);
    const first = withRetry(server.transport, { ...NO_WAIT, retryQuota: quota });
    const second = withRetry(server.transport, { ...NO_WAIT, retryQuota: quota });
    expect(await attemptsOf(first, server)).toBe(3);
    expect(await attemptsOf(second, server)).toBe(1);
  });

  it.each([
    [-1, "retry.retryQuota: must be a whole number, 0 or more"],
    [1.5, "retry.retryQuota: must be a whole number, 0 or more"],
    [Number.NaN, "retry.retryQuota: must be a whole number, 0 or more"],
    ["500", "retry.retryQuota: must be a number of tokens, false (no quota), or a quota from createRetryQuota"],
    [true, "retry.retryQuota: must be a number of tokens, false (no quota), or a quota from createRetryQuota"],
    [{ available: 5, capacity: 5 }, "retry.retryQuota: must be a number of tokens, false (no quota), or a quota from"],
  ])("refuses retryQuota %o, naming it", (retryQuota, message) => {
    expect(() => resolveRetryOptions({ retryQuota } as never, "retry")).toThrow(message);
  });

  it("createRetryQuota refuses a size that is not a whole number of tokens", () => {
    for (const tokens of [-5, 2.5, Number.POSITIVE_INFINITY, "10"])
      expect(() => createRetryQuota(tokens as never), String(tokens)).toThrow("tokens: must be a whole number, 0 or more");
  });
});

describe("a retry quota and a program that loads fgkit twice (its ESM and CommonJS builds)", () => {
  const require = createRequire(import.meta.url);
  type Helpers = typeof import("../../src/index.js");
  const builds: Record<string, () => Promise<Helpers>> = {
    "Node ESM": () => import("../../dist/index.node.js" as string),
    "Node CommonJS": async () => require("../../dist/index.node.cjs"),
    "Web CommonJS": async () => require("../../dist/index.cjs"),
  };

  it.each(Object.keys(builds))(
    "a quota made by the %s build is taken, and spent, by the other copy's withRetry",
    async (build) => {
      const { createRetryQuota: createElsewhere } = await (builds[build] as () => Promise<Helpers>)();
      const quota = createElsewhere(10);
      const server = scripted();
      server.answer(503);
      const send = withRetry(server.transport, { ...NO_WAIT, retryQuota: quota });
      expect(await attemptsOf(send, server)).toBe(3);
      expect(quota.available).toBe(0);
      expect(resolveRetryOptions({ retryQuota: quota }).retryQuota).toBe(quota);
    },
  );
});
