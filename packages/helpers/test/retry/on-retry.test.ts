// retry.onRetry sees every failed attempt that is retried, as the FunctionGraphError the call would
// have ended with, and the wait before the next: on the Node transport's direct path and over fetch.
import { beforeEach, describe, expect, it } from "vitest";
import { defaultFetch, type FetchLike, FunctionGraphError, type RetryEvent, withRetry } from "../../src/index.js";
import { useLoopbackServer } from "../support/loopback-server.js";

/** What the server does with each request, in turn (then 200). */
let script: ("throttle" | "reset" | "ok")[] = [];
let served = 0;
const server = useLoopbackServer((req, res) => {
  served++;
  const step = script.shift() ?? "ok";
  if (step === "reset") return req.socket.destroy();
  if (step === "throttle")
    return res
      .writeHead(429, { "content-type": "application/json", "retry-after": "0", "x-request-id": "req-429" })
      .end(JSON.stringify({ error_code: "FSS.0429", error_msg: "Too many requests" }));
  res.writeHead(200, { "content-type": "application/json" }).end("{}");
});

beforeEach(() => {
  served = 0;
});

const transports: Record<string, FetchLike> = {
  "the direct path": defaultFetch,
  "a fetch transport": (request) => fetch(request),
};

for (const [label, transport] of Object.entries(transports)) {
  describe(`onRetry over ${label}`, () => {
    it("is called for a throttled answer and a dropped connection, with the error and the wait", async () => {
      script = ["throttle", "reset", "ok"];
      const events: RetryEvent[] = [];
      const send = withRetry(transport, {
        baseDelayMs: 4,
        throttlingBaseDelayMs: 10,
        random: () => 0.5,
        onRetry: (event) => events.push(event),
      });
      const response = await send(new Request(`${server.url()}/v2/p/fgs/functions?marker=0`));
      expect(response.status).toBe(200);
      expect(served).toBe(3);
      expect(events).toHaveLength(2);
      const [throttled, dropped] = events;
      expect(throttled).toMatchObject({ attempt: 1, delayMs: 5 });
      expect(throttled?.error).toBeInstanceOf(FunctionGraphError);
      expect(throttled?.error).toMatchObject({ status: 429, code: "FSS.0429", requestId: "req-429", attempts: 1 });
      expect(throttled?.error.message).toBe("GET /v2/p/fgs/functions failed with 429 FSS.0429: Too many requests");
      expect(dropped).toMatchObject({ attempt: 2, delayMs: 4 });
      expect(dropped?.error).toMatchObject({ status: 0, code: "NetworkError", attempts: 2 });
    });

    it("is not called when nothing is retried, and what it throws ends the call", async () => {
      script = ["ok"];
      const events: RetryEvent[] = [];
      await withRetry(transport, { onRetry: (event) => events.push(event) })(new Request(`${server.url()}/ok`));
      expect(events).toEqual([]);

      script = ["throttle", "ok"];
      const stop = new Error("stop retrying");
      const send = withRetry(transport, {
        throttlingBaseDelayMs: 1,
        onRetry: () => {
          throw stop;
        },
      });
      await expect(send(new Request(`${server.url()}/throttled`))).rejects.toBe(stop);
      expect(served).toBe(2);
    });
  });
}
