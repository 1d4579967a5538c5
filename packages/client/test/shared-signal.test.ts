// One app-wide AbortSignal (a shutdown signal) given to many concurrent calls and waiters: each adds
// one listener while it runs and removes it when it ends, which is no leak, so Node's "possible
// EventTarget memory leak" warning (past 10 listeners) must not be printed, as Node's fetch prints none.
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { createFunctionGraphClient, waitUntilAsyncInvocationFinished } from "../src/index.js";
import { AKSK, PROJECT, URN } from "./helpers.js";
import { startFakeServer } from "./support/fake-list-server.js";

const warnings: string[] = [];
const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  process.off("warning", onWarning);
  warnings.length = 0;
  await close?.();
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 50)); // warnings are emitted on a later tick

async function serve(answer: unknown) {
  const server = await startFakeServer(() => answer);
  close = server.close;
  // The default transport (Node's connection pool directly, no fetch Request, which would raise the limit itself).
  return createFunctionGraphClient({ endpoint: server.url, projectId: PROJECT, credentials: AKSK });
}

describe("one AbortSignal shared by many concurrent calls (the default Node transport)", () => {
  it("calls: no MaxListenersExceededWarning, and no listener left behind", async () => {
    process.on("warning", onWarning);
    const client = await serve({ functions: [], count: 0 });
    const shutdown = new AbortController();
    await Promise.all(
      Array.from({ length: 40 }, () => client.GET("/v2/{project_id}/fgs/functions", { signal: shutdown.signal })),
    );
    await settle();
    expect(warnings.filter((warning) => warning.startsWith("MaxListenersExceededWarning"))).toEqual([]);
    expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(0);
  });

  it("waiters asleep between polls: no warning, and all end with Aborted when it aborts", async () => {
    process.on("warning", onWarning);
    const client = await serve({ invocations: [{ request_id: "r-1", status: "RUNNING" }], count: 1 });
    const shutdown = new AbortController();
    const waits = Array.from({ length: 20 }, () =>
      waitUntilAsyncInvocationFinished(
        { client, minDelayMs: 5_000, signal: shutdown.signal },
        { functionUrn: URN, requestId: "r-1" },
      ).catch((error: unknown) => error),
    );
    await new Promise((resolve) => setTimeout(resolve, 300)); // every waiter has polled once and sleeps
    shutdown.abort();
    expect(await Promise.all(waits)).toEqual(Array.from({ length: 20 }, () => expect.objectContaining({ code: "Aborted" })));
    await settle();
    expect(warnings.filter((warning) => warning.startsWith("MaxListenersExceededWarning"))).toEqual([]);
    expect(getEventListeners(shutdown.signal, "abort")).toHaveLength(0);
  });
});
