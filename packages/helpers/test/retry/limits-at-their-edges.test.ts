// The limits a caller sets hold exactly, at their edges: the backoff's cap (maxDelayMs) and the
// throttling base for a 503, one resend after a 401 however onUnauthorized answers, a body of
// exactly maxResponseBytes (over a fetch transport and over the Node transport), a waiter's
// maxDelayMs between polls, and the signer trimming only what an HTTP parser trims.
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  canonicalHeaders,
  defaultFetch,
  type FetchLike,
  FunctionGraphError,
  fullJitterDelay,
  type RetryEvent,
  waitUntil,
  withRetry,
} from "../../src/index.js";
import { useLoopbackServer } from "../support/loopback-server.js";

const URL_ = "https://fg.example.com/v2/p/fgs/functions";

describe("backoff", () => {
  it("never waits longer than the cap, however many retries came before", () => {
    expect(fullJitterDelay(10, 100, 1000, () => 0.5)).toBe(500);
    expect(fullJitterDelay(2, 100, 1000, () => 0.5)).toBe(200);
  });

  it("backs off a 503 from throttlingBaseDelayMs, as a 429, and other errors from baseDelayMs", async () => {
    const statuses = [503, 500, 200];
    const transport: FetchLike = async () => new Response("", { status: statuses.shift() ?? 200 });
    const events: RetryEvent[] = [];
    const send = withRetry(transport, {
      baseDelayMs: 2,
      throttlingBaseDelayMs: 40,
      random: () => 0.5,
      onRetry: (event) => events.push(event),
    });
    expect((await send(new Request(URL_))).status).toBe(200);
    // 503 on attempt 1: 0.5 × 40; 500 on attempt 2: 0.5 × 2 × 2.
    expect(events.map((event) => [event.error.status, event.delayMs])).toEqual([
      [503, 20],
      [500, 2],
    ]);
  });
});

describe("a 401 with onUnauthorized", () => {
  it("is sent again once per call, even when onUnauthorized says yes every time", async () => {
    let sent = 0;
    const refusing: FetchLike = async () => {
      sent++;
      return new Response("", { status: 401 });
    };
    const response = await withRetry(refusing, { onUnauthorized: () => true })(new Request(URL_));
    expect(response.status).toBe(401);
    expect(sent).toBe(2);
  });
});

describe("maxResponseBytes at its edge", () => {
  const bytes = (n: number) => new Uint8Array(n).fill(97);
  // A body without a length, in two chunks: only the count as it streams can hold it.
  const streamed =
    (n: number): FetchLike =>
    async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(bytes(n - 1));
            controller.enqueue(bytes(1));
            controller.close();
          },
        }),
      );

  it("over a fetch transport: a body of exactly the limit is taken, one byte more is refused", async () => {
    const exact = await withRetry(streamed(10), { maxResponseBytes: 10 })(new Request(URL_));
    expect((await exact.arrayBuffer()).byteLength).toBe(10);
    const over = await withRetry(streamed(11), { maxResponseBytes: 10 })(new Request(URL_)).catch((e) => e);
    expect(FunctionGraphError.isInstance(over) && over.code).toBe("ResponseTooLarge");
  });

  const server = useLoopbackServer((req, res) => {
    const size = Number(new URL(req.url ?? "/", "http://x").searchParams.get("size"));
    res.writeHead(200, { "content-type": "application/octet-stream", "content-length": size }).end(Buffer.alloc(size, 97));
  });

  it("over the Node transport, by the declared length: exactly the limit is taken, one byte more is refused", async () => {
    const send = withRetry(defaultFetch, { maxResponseBytes: 10, maxAttempts: 1 });
    const exact = await send(new Request(`${server.url()}/?size=10`));
    expect((await exact.arrayBuffer()).byteLength).toBe(10);
    const over = await send(new Request(`${server.url()}/?size=11`)).catch((e) => e);
    expect(FunctionGraphError.isInstance(over) && over.code).toBe("ResponseTooLarge");
  });
});

describe("a waiter's pauses", () => {
  afterEach(() => vi.restoreAllMocks());

  it("double from minDelayMs up to maxDelayMs, and no further", async () => {
    const pauses: number[] = [];
    const realSetTimeout = globalThis.setTimeout;
    vi.spyOn(globalThis, "setTimeout").mockImplementation(((fire: () => void, ms?: number) => {
      // The sleeps between polls (the deadline's own timer is a minute away).
      if (ms !== undefined && ms < 10_000) pauses.push(ms);
      return realSetTimeout(fire, ms);
    }) as typeof setTimeout);
    let polls = 0;
    await waitUntil(
      "the thing",
      async () => ++polls,
      (n) => (n === 6 ? "success" : "retry"),
      { minDelayMs: 10, maxDelayMs: 40, maxWaitMs: 60_000, random: () => 0.999 },
    );
    expect(pauses).toHaveLength(5);
    expect(Math.max(...pauses)).toBeLessThanOrEqual(40);
    expect(pauses.map(Math.round)).toEqual([10, 20, 40, 40, 40]);
  });
});

describe("the signer's trimming", () => {
  it("cuts only spaces and tabs around a value, as HTTP parsers do, not a no-break space", () => {
    const { lines } = canonicalHeaders([
      ["x-a", " \u00a0x"],
      ["x-b", "y\u00a0\t"],
    ]);
    expect(lines).toBe("x-a:\u00a0x\nx-b:y\u00a0\n");
  });
});
