// A Retry-After date is on the server's clock: the wait is measured from the answer's Date header, or
// from our clock corrected by the offset a clock-skew fix learned, never from our clock alone.
import { describe, expect, it } from "vitest";
import { type FetchLike, type RetryEvent, withRetry } from "../../src/index.js";

const MINUTES_10 = 10 * 60 * 1000;

/** The first delay withRetry chose after a 503 whose Retry-After is 5 s after the server's now. */
async function firstDelay(serverOffsetMs: number, options: { dateHeader: boolean; clock?: { offsetMs: number } }) {
  const serverNow = Date.now() + serverOffsetMs;
  const headers: Record<string, string> = { "retry-after": new Date(serverNow + 5000).toUTCString() };
  if (options.dateHeader) headers.date = new Date(serverNow).toUTCString();
  const transport: FetchLike = async () => new Response("{}", { status: 503, headers });
  const controller = new AbortController();
  const events: RetryEvent[] = [];
  const send = withRetry(transport, {
    clock: options.clock,
    maxRetryAfterMs: 60_000,
    random: () => 0,
    // Seen before the wait begins; the call is then stopped, so the test does not wait it out.
    onRetry: (event) => {
      events.push(event);
      controller.abort();
    },
  });
  await send(new Request("https://fg.example.com/v2/p/fgs/functions", { signal: controller.signal })).catch(() => undefined);
  return events[0]?.delayMs;
}

describe("a Retry-After date from a server whose clock is not ours", () => {
  for (const [label, offset] of [
    ["10 minutes ahead", MINUTES_10],
    ["10 minutes behind", -MINUTES_10],
    ["on time", 0],
  ] as const)
    it(`waits about the 5 s it asks for when the server is ${label} (measured from its Date header)`, async () => {
      const delay = await firstDelay(offset, { dateHeader: true });
      // The Date header has whole seconds: up to a second more than asked.
      expect(delay).toBeGreaterThanOrEqual(4000);
      expect(delay).toBeLessThanOrEqual(6000);
    });

  it("without a Date header, measures from our clock corrected by the offset already learned", async () => {
    const delay = await firstDelay(MINUTES_10, { dateHeader: false, clock: { offsetMs: MINUTES_10 } });
    expect(delay).toBeGreaterThanOrEqual(4000);
    expect(delay).toBeLessThanOrEqual(6000);
  });
});
