// startSyncWorkflowExecution: an express flow's run, answered when it has finished, so it gets a
// longer wait than the client's per-attempt timeout, and one attempt only.
import { setTimeout as wait } from "node:timers/promises";
import { FunctionGraphError, InvalidInputError } from "@fgkit/helpers";
import { describe, expect, it, vi } from "vitest";
import { invokeFunction, startSyncWorkflowExecution } from "../src/index.js";
import { createObservedClient, URN } from "./helpers.js";

const FLOW = "5f0a8c1e-3b7d-4c2a-9e61-2d4f7a9b0c13";

describe("startSyncWorkflowExecution", () => {
  it("posts the input to sync-executions and resolves with the finished execution, a failed one included", async () => {
    const finished = { execution_id: "e-1", status: "fail", errors: [{ node_id: "resize", error_message: "boom" }] };
    const { client, requests } = createObservedClient(() => Response.json(finished));
    await expect(startSyncWorkflowExecution(client, FLOW, { object_key: "a.jpg" })).resolves.toEqual(finished);
    expect(requests[0]?.method).toBe("POST");
    expect(new URL(requests[0]?.url ?? "").pathname).toMatch(new RegExp(`/fgs/workflows/${FLOW}/sync-executions$`));
    expect(await requests[0]?.text()).toBe('{"input":{"object_key":"a.jpg"}}');
  });

  it("waits 330 s by default (an express flow may run 5 minutes), or timeoutMs, instead of the client's attempt timeout", async () => {
    const { client } = createObservedClient(() => Response.json({ status: "success" }));
    const made = vi.spyOn(client, "withOptions");
    await startSyncWorkflowExecution(client, FLOW, {});
    expect(made).toHaveBeenLastCalledWith({ timeout: { attemptTimeoutMs: 330_000 } });
    await startSyncWorkflowExecution(client, FLOW, {}, { timeoutMs: 5_000 });
    expect(made).toHaveBeenLastCalledWith({ timeout: { attemptTimeoutMs: 5_000 } });
  });

  it("outlasts the client's attempt timeout, ends at timeoutMs, and is not sent again", async () => {
    const slowRun = async (request: Request) => {
      await wait(300, undefined, { signal: request.signal });
      return Response.json({ status: "success", output: { done: true } });
    };
    const { client, requests } = createObservedClient(slowRun, { timeout: { attemptTimeoutMs: 100 } });
    expect((await startSyncWorkflowExecution(client, FLOW, {})).output).toEqual({ done: true });
    const error = await startSyncWorkflowExecution(client, FLOW, {}, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(FunctionGraphError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: "Timeout", attempts: 1 });
    expect(requests).toHaveLength(2);
  });

  it("is sent again only as an invocation is: after a 429 naming an API error code, not after a 5xx", async () => {
    let answers = 0;
    const throttledOnce = () =>
      ++answers === 1
        ? Response.json({ error_code: "FSS.0429", error_msg: "throttled" }, { status: 429, headers: { "Retry-After": "0" } })
        : Response.json({ status: "success" });
    const throttled = createObservedClient(throttledOnce);
    await expect(startSyncWorkflowExecution(throttled.client, FLOW, {})).resolves.toEqual({ status: "success" });
    expect(throttled.requests).toHaveLength(2);
    const failing = createObservedClient(() => Response.json({ error_code: "FSS.0500", error_msg: "boom" }, { status: 503 }));
    await expect(startSyncWorkflowExecution(failing.client, FLOW, {})).rejects.toMatchObject({ status: 503, attempts: 1 });
    expect(failing.requests).toHaveLength(1);
  });

  it("ends on the signal, given aborted or aborted during the run", async () => {
    const slowRun = async (request: Request) => {
      await wait(1_000, undefined, { signal: request.signal });
      return Response.json({ status: "success" });
    };
    const { client } = createObservedClient(slowRun);
    const before = await startSyncWorkflowExecution(client, FLOW, {}, { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(before).toMatchObject({ code: "Aborted", attempts: 1 });
    const during = await startSyncWorkflowExecution(client, FLOW, {}, { signal: AbortSignal.timeout(50) }).catch(
      (e: unknown) => e,
    );
    expect(during).toMatchObject({ code: "Aborted", attempts: 1 });
  });

  it("takes timeoutMs 0 as no limit, and shares invokeFunction's client for the same timeout", async () => {
    const slowRun = async (request: Request) => {
      await wait(150, undefined, { signal: request.signal });
      return Response.json({ status: "success", result: "{}" });
    };
    const { client } = createObservedClient(slowRun, { timeout: { attemptTimeoutMs: 50 } });
    const made = vi.spyOn(client, "withOptions");
    await expect(startSyncWorkflowExecution(client, FLOW, {}, { timeoutMs: 0 })).resolves.toMatchObject({ status: "success" });
    expect(made).toHaveBeenLastCalledWith({ timeout: { attemptTimeoutMs: 0 } });
    await invokeFunction(client, URN, {}, { timeoutMs: 0 });
    expect(made).toHaveBeenCalledTimes(1);
  });

  it("refuses bad arguments by name before anything is sent, and an answer with no JSON object", async () => {
    const { client, requests } = createObservedClient(() => new Response(null, { status: 204 }));
    const refused = async (call: () => Promise<unknown>, message: string) => {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toBe(message);
    };
    await refused(() => startSyncWorkflowExecution(client, "", {}), "workflowId: must be a non-empty string");
    await refused(
      () => startSyncWorkflowExecution(client, FLOW, JSON.stringify({ a: 1 }) as never),
      "input: is a string: give the object itself, which fgkit sends as JSON",
    );
    await refused(
      () => startSyncWorkflowExecution(client, FLOW, {}, { timeoutMs: -1 }),
      "timeoutMs: must be a number of milliseconds, 0 or more",
    );
    await refused(
      () => startSyncWorkflowExecution(client, FLOW, {}, { timeout: 5 } as never),
      "timeout: is not an option here (the options are timeoutMs, signal)",
    );
    expect(requests).toHaveLength(0);
    await expect(startSyncWorkflowExecution(client, FLOW, {})).rejects.toMatchObject({ code: "InvalidResponseBody" });
  });
});
