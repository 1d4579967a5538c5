// The backoff's edges: a Retry-After that says to wait less than nothing, and a wait of 0 ms on a
// signal that has aborted (an onRetry that aborts the call before an unjittered wait).
import { describe, expect, it } from "vitest";
import { type FetchLike, FunctionGraphError, parseRetryAfter, sleep, withRetry } from "../../src/index.js";

describe("parseRetryAfter", () => {
  it("takes a negative number of seconds as no wait, not a negative one", () => {
    expect(parseRetryAfter("-5")).toBe(0);
    expect(parseRetryAfter("-0.5")).toBe(0);
  });
});

describe("sleep", () => {
  it("rejects a wait of 0 ms on an aborted signal with its reason", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(sleep(0, controller.signal)).rejects.toThrow("stop");
    await expect(sleep(0)).resolves.toBeUndefined();
  });

  it("an abort in onRetry before a wait of 0 ms ends the call: nothing more is sent", async () => {
    const controller = new AbortController();
    let calls = 0;
    const transport: FetchLike = async () => {
      calls++;
      return Response.json({ error_code: "FSS.0500" }, { status: 503 });
    };
    const fetch = withRetry(transport, { random: () => 0, onRetry: () => controller.abort() });
    const error = await fetch(new Request("https://fg.example.com/v2/p/fgs/functions", { signal: controller.signal })).catch(
      (e: unknown) => e,
    );
    expect(FunctionGraphError.isInstance(error) && error.code).toBe("Aborted");
    expect(FunctionGraphError.isInstance(error) && error.attempts).toBe(1);
    expect(calls).toBe(1);
  });
});
