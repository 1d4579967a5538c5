import { FunctionGraphError } from "@fgkit/helpers";
import { describe, expect, it, vi } from "vitest";
import {
  startWorkflowExecution,
  waitUntilAsyncInvocationFinished,
  waitUntilFunctionApplicationCreated,
  waitUntilWorkflowExecutionFinished,
} from "../src/index.js";
import { createObservedClient, URN } from "./helpers.js";

const fast = { minDelayMs: 1, maxDelayMs: 4, random: () => 0.5 };

/** Answers the async-invocation list with the given statuses, one per poll (the last one repeats). */
function invocationStatuses(...statuses: (string | undefined)[]) {
  let poll = 0;
  return createObservedClient(() => {
    const status = statuses[Math.min(poll++, statuses.length - 1)];
    return Response.json({ invocations: status ? [{ request_id: "r-1", status }] : [], count: status ? 1 : 0 });
  });
}

describe("waitUntilAsyncInvocationFinished", () => {
  it("polls with the request id until SUCCESS and returns the record", async () => {
    const { client, requests } = invocationStatuses(undefined, "WAIT", "RUNNING", "SUCCESS");
    const record = await waitUntilAsyncInvocationFinished({ client, ...fast }, { functionUrn: URN, requestId: "r-1" });
    expect(record.status).toBe("SUCCESS");
    expect(requests).toHaveLength(4);
    expect(new URL(requests[0]?.url ?? "").searchParams.get("request_id")).toBe("r-1");
  });

  it("keeps the search window where the wait began (the API's default slides with each poll), or at invokedAt", async () => {
    const { client, requests } = invocationStatuses("RUNNING", "RUNNING", "SUCCESS");
    const started = Date.now();
    await waitUntilAsyncInvocationFinished({ client, ...fast }, { functionUrn: URN, requestId: "r-1" });
    const begins = requests.map((r) => new URL(r.url).searchParams.get("query_begin_time"));
    expect(new Set(begins).size).toBe(1);
    expect(begins[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Math.abs(Date.parse(begins[0] ?? "") - (started - 3_600_000))).toBeLessThan(5_000);

    const old = invocationStatuses("SUCCESS");
    const invokedAt = new Date("2026-01-02T03:04:05.678Z");
    await waitUntilAsyncInvocationFinished({ client: old.client, ...fast }, { functionUrn: URN, requestId: "r-1", invokedAt });
    expect(new URL(old.requests[0]?.url ?? "").searchParams.get("query_begin_time")).toBe("2026-01-02T02:59:05Z");
  });

  it("refuses an invokedAt that is not a valid Date, before any poll", async () => {
    const { client, requests } = invocationStatuses("SUCCESS");
    for (const invokedAt of [new Date(Number.NaN), "2026-01-02T03:04:05Z", new Date(-8.64e15)])
      await expect(
        waitUntilAsyncInvocationFinished({ client }, { functionUrn: URN, requestId: "r-1", invokedAt: invokedAt as Date }),
      ).rejects.toMatchObject({ name: "InvalidInputError", field: "target.invokedAt" });
    expect(requests).toHaveLength(0);
  });

  it("throws WaiterFailure with the record when the run failed", async () => {
    const { client } = invocationStatuses("RUNNING", "FAIL");
    const error = await waitUntilAsyncInvocationFinished({ client, ...fast }, { functionUrn: URN, requestId: "r-1" }).catch(
      (e) => e,
    );
    expect(FunctionGraphError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: "WaiterFailure", attempts: 2, response: { data: { status: "FAIL" } } });
  });

  it("throws WaiterFailure at once when the platform discarded the request", async () => {
    const { client, requests } = invocationStatuses("RUNNING", "DISCARD");
    const waiting = { client, ...fast, maxWaitMs: 2_000 }; // were DISCARD taken as running, WaiterTimeout
    const error = await waitUntilAsyncInvocationFinished(waiting, { functionUrn: URN, requestId: "r-1" }).catch((e) => e);
    expect(error).toMatchObject({ code: "WaiterFailure", attempts: 2, response: { data: { status: "DISCARD" } } });
    expect(requests).toHaveLength(2);
  });

  it("reads the record of its own request id, not another run's listed beside it", async () => {
    const { client } = createObservedClient(() =>
      Response.json({
        invocations: [
          { request_id: "r-0", status: "FAIL" },
          { request_id: "r-1", status: "SUCCESS" },
        ],
        count: 2,
      }),
    );
    const record = await waitUntilAsyncInvocationFinished({ client, ...fast }, { functionUrn: URN, requestId: "r-1" });
    expect(record).toMatchObject({ request_id: "r-1", status: "SUCCESS" });
  });

  it("gives up at the deadline", async () => {
    const { client, requests } = invocationStatuses("RUNNING");
    const started = Date.now();
    const error = await waitUntilAsyncInvocationFinished(
      { client, minDelayMs: 20, maxDelayMs: 20, maxWaitMs: 100 },
      { functionUrn: URN, requestId: "r-1" },
    ).catch((e) => e);
    expect(error).toMatchObject({ code: "WaiterTimeout" });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(requests.length).toBeGreaterThanOrEqual(3);
  });

  it("ends at maxWaitMs even while a poll hangs (the call is aborted), not at the client's attempt timeout", async () => {
    const { client, requests } = createObservedClient(() => new Promise<Response>(() => {}));
    const started = Date.now();
    const error = await waitUntilAsyncInvocationFinished(
      { client, maxWaitMs: 200 },
      { functionUrn: URN, requestId: "r-1" },
    ).catch((e) => e);
    expect(error).toMatchObject({ code: "WaiterTimeout", attempts: 1 });
    expect(Date.now() - started).toBeLessThan(10_000); // the attempt timeout is 60 s
    expect(requests).toHaveLength(1);
  });

  it("stops at once when the signal aborts, with no further poll", async () => {
    const { client, requests } = invocationStatuses("RUNNING");
    const controller = new AbortController();
    const wait = waitUntilAsyncInvocationFinished(
      { client, minDelayMs: 60_000, signal: controller.signal },
      { functionUrn: URN, requestId: "r-1" },
    );
    await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    await expect(wait).rejects.toMatchObject({ code: "Aborted" });
    expect(requests).toHaveLength(1);
  });
  it("waits 72 h by default, the longest function timeout: a queued run may be a long one", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date", "performance"] });
    try {
      const { client, requests } = invocationStatuses("RUNNING");
      const hourly = { client, minDelayMs: 3_600_000, maxDelayMs: 3_600_000, random: () => 0 };
      const outcome = waitUntilAsyncInvocationFinished(hourly, { functionUrn: URN, requestId: "r-1" }).catch((e) => e);
      // Long past the 5 minutes of other waiters: one poll an hour, the last starting at 71 h.
      await vi.advanceTimersByTimeAsync(70 * 3_600_000);
      expect(requests).toHaveLength(71);
      await vi.advanceTimersByTimeAsync(3 * 3_600_000);
      await expect(outcome).resolves.toMatchObject({ code: "WaiterTimeout", message: expect.stringMatching(/259200000 ms/) });
      expect(requests).toHaveLength(72);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("waitUntilAsyncInvocationFinished, a run never listed", () => {
  const fakeClock = () =>
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date", "performance"] });
  const everyMinute = { minDelayMs: 60_000, maxDelayMs: 60_000, random: () => 0 };

  it("ends with WaiterFailure after 10 minutes without a record (a wrong id), not at the 72 h default", async () => {
    fakeClock();
    try {
      const { client, requests } = invocationStatuses(undefined);
      const outcome = waitUntilAsyncInvocationFinished({ client, ...everyMinute }, { functionUrn: URN, requestId: "r-1" }).catch(
        (e) => e,
      );
      await vi.advanceTimersByTimeAsync(9 * 60_000);
      expect(requests).toHaveLength(10); // at 0, 1, ... 9 minutes: still waiting
      await vi.advanceTimersByTimeAsync(2 * 60_000);
      const error = await outcome;
      expect(FunctionGraphError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: "WaiterFailure", attempts: 11 });
      expect(error.message).toMatch(
        /^async invocation r-1 was not listed in 10 minutes \(11 polls\): check functionUrn and requestId/,
      );
      expect(requests).toHaveLength(11);
    } finally {
      vi.useRealTimers();
    }
  });

  it("waits on once the run has been listed, however long it stays queued or running", async () => {
    fakeClock();
    try {
      // Listed at the third poll, running for two hours, and once missing from a page past 10 minutes.
      const running = Array(120).fill("RUNNING");
      running[20] = undefined;
      const { client, requests } = invocationStatuses(undefined, undefined, "WAIT", ...running, "SUCCESS");
      const outcome = waitUntilAsyncInvocationFinished({ client, ...everyMinute }, { functionUrn: URN, requestId: "r-1" });
      await vi.advanceTimersByTimeAsync(124 * 60_000);
      await expect(outcome).resolves.toMatchObject({ status: "SUCCESS" });
      expect(requests).toHaveLength(124);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("startWorkflowExecution", () => {
  it("returns the id of the started execution, and refuses an answer without one", async () => {
    const started = createObservedClient(() => Response.json({ execution_id: "e-9" }));
    await expect(startWorkflowExecution(started.client, "wf", { n: 1 })).resolves.toEqual({ executionId: "e-9" });
    expect(await started.requests[0]?.text()).toBe('{"input":{"n":1}}');

    // Not the string "undefined", which a waiter would then poll for 15 minutes.
    const without = createObservedClient(() => Response.json({ workflow_id: "wf" }));
    await expect(startWorkflowExecution(without.client, "wf", { n: 1 })).rejects.toMatchObject({
      status: 200,
      code: "InvalidResponseBody",
      message: "startWorkflowExecution: the 200 answer has no execution_id",
      response: { data: { workflow_id: "wf" } },
    });
  });

  it("refuses an empty id as it does a missing one, and takes a numeric id as its text", async () => {
    const empty = createObservedClient(() => Response.json({ execution_id: "" }));
    await expect(startWorkflowExecution(empty.client, "wf", { n: 1 })).rejects.toMatchObject({
      code: "InvalidResponseBody",
      message: "startWorkflowExecution: the 200 answer has no execution_id",
    });
    const numeric = createObservedClient(() => Response.json({ execution_id: 42 }));
    await expect(startWorkflowExecution(numeric.client, "wf", { n: 1 })).resolves.toEqual({ executionId: "42" });
  });
});

describe("waitUntilWorkflowExecutionFinished", () => {
  it("resolves on success and throws on a failed execution", async () => {
    let poll = 0;
    const states = ["running", "success"];
    const ok = createObservedClient(() => Response.json({ execution_id: "e-1", status: states[Math.min(poll++, 1)] }));
    await expect(
      waitUntilWorkflowExecutionFinished({ client: ok.client, ...fast }, { workflowId: "wf", executionId: "e-1" }),
    ).resolves.toMatchObject({
      status: "success",
    });
    expect(new URL(ok.requests[0]?.url ?? "").pathname).toMatch(/\/workflows\/wf\/executions\/e-1$/);

    const failed = createObservedClient(() => Response.json({ execution_id: "e-2", status: "timeout" }));
    await expect(
      waitUntilWorkflowExecutionFinished({ client: failed.client, ...fast }, { workflowId: "wf", executionId: "e-2" }),
    ).rejects.toMatchObject({
      code: "WaiterFailure",
    });
  });

  it("waits through states that are not final (retrying, scheduled, stopping, none), and fails on cancel", async () => {
    let poll = 0;
    const states = ["scheduled", "running", "retrying", undefined, "stopping", "success"];
    const ok = createObservedClient(() =>
      Response.json({ execution_id: "e-3", status: states[Math.min(poll++, states.length - 1)] }),
    );
    await expect(
      waitUntilWorkflowExecutionFinished({ client: ok.client, ...fast }, { workflowId: "wf", executionId: "e-3" }),
    ).resolves.toMatchObject({ status: "success" });
    expect(ok.requests).toHaveLength(6);

    for (const status of ["fail", "cancel"]) {
      const stopped = createObservedClient(() => Response.json({ execution_id: "e-4", status }));
      await expect(
        waitUntilWorkflowExecutionFinished({ client: stopped.client, ...fast }, { workflowId: "wf", executionId: "e-4" }),
      ).rejects.toMatchObject({ code: "WaiterFailure", attempts: 1, response: { data: { status } } });
    }
  });
});

describe("waitUntilFunctionApplicationCreated", () => {
  /** Answers ShowFunctionApp with the given statuses, one per poll (the last one repeats). */
  const applicationStatuses = (...statuses: (string | undefined)[]) => {
    let poll = 0;
    return createObservedClient(() =>
      Response.json({ name: "thumbnails", status: statuses[Math.min(poll++, statuses.length - 1)] }),
    );
  };

  it("polls the application through its creation steps (and states it does not know) until success", async () => {
    const { client, requests } = applicationStatuses("creating", "creatingRepo", "creatingStack", "someNewStep", "success");
    const application = await waitUntilFunctionApplicationCreated({ client, ...fast }, { applicationId: "app-1" });
    expect(application).toEqual({ name: "thumbnails", status: "success" });
    expect(requests).toHaveLength(5);
    expect(new URL(requests[0]?.url ?? "").pathname).toMatch(/\/fgs\/applications\/app-1$/);
  });

  it.each(["failed", "repoFail", "stackFail", "deleting"])("throws WaiterFailure with the application on %s", async (status) => {
    const { client, requests } = applicationStatuses("creating", status);
    const error = await waitUntilFunctionApplicationCreated({ client, ...fast }, { applicationId: "app-1" }).catch((e) => e);
    expect(error).toMatchObject({ code: "WaiterFailure", attempts: 2, response: { data: { status } } });
    expect(requests).toHaveLength(2);
  });

  it("waits 15 minutes by default (longer than other waiters: stacks take minutes); maxWaitMs changes it", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date", "performance"] });
    try {
      const { client, requests } = applicationStatuses("creating");
      let settled: unknown;
      void waitUntilFunctionApplicationCreated(
        { client, minDelayMs: 60_000, maxDelayMs: 60_000, random: () => 0, maxWaitMs: undefined },
        { applicationId: "app-1" },
      ).catch((error) => {
        settled = error;
      });
      // Past the 5 minutes of other waiters; the last poll starts at 14 minutes (one starting at the
      // 15-minute deadline could not be bounded by it).
      await vi.advanceTimersByTimeAsync(13 * 60_000);
      expect(settled).toBeUndefined();
      expect(requests.length).toBeGreaterThanOrEqual(13);
      await vi.advanceTimersByTimeAsync(3 * 60_000);
      expect(settled).toMatchObject({ code: "WaiterTimeout", message: expect.stringMatching(/within 900000 ms/) });

      const shorter = applicationStatuses("creating");
      let shortened: unknown;
      void waitUntilFunctionApplicationCreated(
        { client: shorter.client, minDelayMs: 60_000, maxDelayMs: 60_000, random: () => 0, maxWaitMs: 120_000 },
        { applicationId: "app-1" },
      ).catch((error) => {
        shortened = error;
      });
      await vi.advanceTimersByTimeAsync(3 * 60_000);
      expect(shortened).toMatchObject({ code: "WaiterTimeout", message: expect.stringMatching(/within 120000 ms/) });
    } finally {
      vi.useRealTimers();
    }
  });
});
