import { checkMilliseconds, unwrap, type WaiterOptions, waitUntil } from "@fgkit/helpers";
import { idFromAnswer, objectFromAnswer } from "./answer-field.js";
import {
  assertClient,
  assertConfigWithClient,
  assertId,
  assertOptionalObject,
  assertTarget,
  SIGNAL_ONLY,
} from "./argument-checks.js";
import type { FunctionGraphClient } from "./create-client.js";
import { checkJsonObject, serializeWorkflowInput } from "./json-body.js";
import { clientWaitingUpTo } from "./long-call-client.js";
import type { Schemas } from "./types.js";

export type WorkflowExecution = Schemas["ShowWorkflowExecutionResponse"];

/** Starts a workflow execution asynchronously with `input` as the flow's input, and returns its id. */
export async function startWorkflowExecution(
  client: FunctionGraphClient,
  workflowId: string,
  input: object,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<{ executionId: string }> {
  assertClient(client);
  assertId("workflowId", workflowId);
  // The API takes the flow's input as a JSON object, and requires it.
  checkJsonObject("input", input);
  assertOptionalObject("options", options, SIGNAL_ONLY);
  const call = client.POST("/v2/{project_id}/fgs/workflows/{workflow_id}/executions", {
    params: { path: { workflow_id: workflowId } },
    body: { input },
    bodySerializer: serializeWorkflowInput,
    signal: options.signal,
  });
  const data = await unwrap(call);
  const { response } = await call;
  return { executionId: idFromAnswer("startWorkflowExecution", "execution_id", data, response) };
}

export type SyncWorkflowExecution = Schemas["StartSyncWorkflowExecutionResponse"];

/** An express flow runs for up to 5 minutes; its answer gets 30 s more, as invokeFunction's does. */
const DEFAULT_SYNC_EXECUTION_TIMEOUT_MS = 330_000;

/**
 * Runs an express workflow synchronously with `input` as the flow's input, and resolves with the
 * finished execution: `status` is `success` (with `output`), `fail` (with `errors`) or `timeout`. A
 * run that ended badly is an answer, not an error: check `status`. The call gets `timeoutMs`
 * (default 330 s), not the client's 60 s per attempt (the client's overall deadline, if any, still
 * applies). It is retried only as invokeFunction is (a repeated run is not harmless): on a 429 whose
 * body names an API error code, and when the request never left. Throws FunctionGraphError on an API error.
 */
export async function startSyncWorkflowExecution(
  client: FunctionGraphClient,
  workflowId: string,
  input: object,
  options: {
    /** How long to wait for the run's answer (default 330 s; 0 = no limit). */
    timeoutMs?: number | undefined;
    signal?: AbortSignal | undefined;
  } = {},
): Promise<SyncWorkflowExecution> {
  assertClient(client);
  assertId("workflowId", workflowId);
  checkJsonObject("input", input);
  assertOptionalObject("options", options, ["timeoutMs", "signal"]);
  const timeoutMs = checkMilliseconds("timeoutMs", options.timeoutMs, DEFAULT_SYNC_EXECUTION_TIMEOUT_MS);
  return objectFromAnswer(
    clientWaitingUpTo(client, timeoutMs).POST("/v2/{project_id}/fgs/workflows/{workflow_id}/sync-executions", {
      params: { path: { workflow_id: workflowId } },
      body: { input },
      bodySerializer: serializeWorkflowInput,
      signal: options.signal,
    }),
  );
}

// The final states other than success. Anything else is taken as not finished yet: besides
// `running`, the service's execution lists show `scheduled`, `retrying`, `stopping` and `recovered`.
const FINISHED_BADLY = new Set(["fail", "timeout", "cancel"]);

/**
 * Waits until a workflow execution has finished, polling ShowWorkflowExecution with backoff. Resolves
 * on `success`; throws a FunctionGraphError (WaiterFailure, with the execution as response.data) on
 * `fail`, `timeout` or `cancel`, WaiterTimeout past `maxWaitMs`, Aborted on the signal. For standard
 * flows: express flows keep no execution history to poll (run those with StartSyncWorkflowExecution).
 */
export function waitUntilWorkflowExecutionFinished(
  config: { client: FunctionGraphClient } & WaiterOptions,
  target: { workflowId: string; executionId: string },
): Promise<WorkflowExecution> {
  try {
    assertConfigWithClient(config);
    assertTarget(target, ["workflowId", "executionId"]);
  } catch (error) {
    return Promise.reject(error);
  }
  const { client, ...options } = config;
  return waitUntil(
    `workflow execution ${target.executionId}`,
    (signal) =>
      objectFromAnswer(
        client.GET("/v2/{project_id}/fgs/workflows/{workflow_id}/executions/{execution_id}", {
          params: { path: { workflow_id: target.workflowId, execution_id: target.executionId } },
          signal,
        }),
      ),
    (execution) =>
      execution.status === "success" ? "success" : FINISHED_BADLY.has(execution.status ?? "") ? "failure" : "retry",
    options,
  );
}
