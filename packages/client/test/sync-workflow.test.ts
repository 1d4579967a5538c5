// startSyncWorkflowExecution: an express flow's run, answered when it has finished, so it gets a
// longer wait than the client's per-attempt timeout, and one attempt only.
import { setTimeout as wait } from "node:timers/promises";
import { FunctionGraphError, InvalidInputError } from "@fgkit/helpers";
import { describe, expect, it, vi } from "vitest";
import { startSyncWorkflowExecution } from "../src/index.js";
import { createObservedClient } from "./helpers.js";

const FLOW = "5f0a8c1e-3b7d-4c2a-9e61-2d4f7a9b0c13";

describe("startSyncWorkflowExecution", () => {
  it("posts the input to sync-executions and resolves with the finished execution, a failed one included", async () => {
    const finished = { execution_id: "e-1", status: "fail", errors: [{ node_name: "resize", error_message: "boom" }] };
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
