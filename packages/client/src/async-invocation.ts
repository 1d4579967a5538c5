import { FunctionGraphError, InvalidInputError, unwrap, type WaiterOptions, waitUntil } from "@fgkit/helpers";
import { idFromAnswer, objectFromAnswer } from "./answer-field.js";
import { assertClient, assertConfigWithClient, assertId, assertOptionalObject, assertTarget } from "./argument-checks.js";
import type { FunctionGraphClient } from "./create-client.js";
import { instanceMemoryHeader } from "./invoke.js";
import { checkEvent, serializeEvent } from "./json-body.js";
import type { Schemas } from "./types.js";

export type AsyncInvocation = Schemas["ListFunctionAsyncInvocationsResult"];

export interface AsyncInvokeOptions {
  /** Memory in MB for this run only (X-Cff-Instance-Memory), as for invokeFunction. */
  instanceMemory?: number | undefined;
  signal?: AbortSignal | undefined;
}

const ASYNC_INVOKE_OPTIONS = ["instanceMemory", "signal"];

/** Queues an asynchronous run of a function and returns its request id. */
export async function invokeFunctionAsync(
  client: FunctionGraphClient,
  functionUrn: string,
  event: object = {},
  options: AsyncInvokeOptions = {},
): Promise<{ requestId: string }> {
  assertClient(client);
  assertId("functionUrn", functionUrn);
  checkEvent(event);
  assertOptionalObject("options", options, ASYNC_INVOKE_OPTIONS);
  const header: Record<string, string> = {};
  if (options.instanceMemory !== undefined) header["X-Cff-Instance-Memory"] = instanceMemoryHeader(options.instanceMemory);
  const call = client.POST("/v2/{project_id}/fgs/functions/{function_urn}/invocations-async", {
    params: { path: { function_urn: functionUrn }, header },
    body: event as Record<string, unknown>,
    bodySerializer: serializeEvent,
    signal: options.signal,
  });
  const data = await unwrap(call);
  const { response } = await call;
  return { requestId: idFromAnswer("invokeFunctionAsync", "request_id", data, response) };
}

const HOUR_MS = 3_600_000;
// Room for the difference between this machine's clock and the API's.
const CLOCK_MARGIN_MS = 5 * 60_000;

/**
 * Where the search for the record starts. Without a start the API searches the hour before each
 * poll, so a wait that outlasts that hour would lose the record it is waiting for; fixed when the wait
 * begins (or at `invokedAt`, for a run queued earlier), the window keeps it however long the wait.
 */
function searchFrom(invokedAt: Date | undefined): string {
  if (invokedAt !== undefined && !(invokedAt instanceof Date)) throw invalidInvokedAt();
  const from = new Date(invokedAt === undefined ? Date.now() - HOUR_MS : invokedAt.getTime() - CLOCK_MARGIN_MS);
  // An invalid Date, or one so early that the margin takes it out of range (new Date(-8.64e15)).
  if (Number.isNaN(from.getTime())) throw invalidInvokedAt();
  return from.toISOString().replace(/\.\d{3}Z$/, "Z"); // to the second, as the API takes it
}

const invalidInvokedAt = () => new InvalidInputError("target.invokedAt", "must be a valid Date: when the run was queued");

/**
 * The default wait: as long as a run can last. A run ends by its function's timeout, which may be set
 * up to 259,200 s (72 h), so a shorter default would give up on runs that can still succeed, as the
 * 5 minutes of other waiters would on most runs worth queuing. The caller who knows the function's
 * timeout passes `maxWaitMs` (that timeout, plus time in the queue and for retries) to stop sooner.
 */
const LONGEST_RUN_MS = 259_200_000;

/**
 * A queued run is listed within seconds (status WAIT). None after this long means a wrong function or
 * request id, a run older than the search window, or records the function does not keep: the wait
 * ends then rather than polling for the 72 h a run may last.
 */
const NEVER_LISTED_MS = 10 * 60_000;

const FINISHED_OK = new Set(["SUCCESS"]);
const FINISHED_BADLY = new Set(["FAIL", "DISCARD"]);

/**
 * Waits until an asynchronous invocation has finished, polling ListAsyncInvocations with backoff
 * (for up to 72 h, the longest function timeout, unless `maxWaitMs` says otherwise).
 * Resolves with the invocation record on SUCCESS; throws a FunctionGraphError (WaiterFailure, with
 * the record as response.data) on FAIL or DISCARD, WaiterFailure when the run is still not listed
 * after 10 minutes, WaiterTimeout past `maxWaitMs`, Aborted on the signal.
 */
export function waitUntilAsyncInvocationFinished(
  config: { client: FunctionGraphClient } & WaiterOptions,
  target: {
    functionUrn: string;
    requestId: string;
    /** When the run was queued, for a run older than the hour before the wait begins. */
    invokedAt?: Date | undefined;
  },
): Promise<AsyncInvocation> {
  let query_begin_time: string;
  try {
    assertConfigWithClient(config);
    assertTarget(target, ["functionUrn", "requestId"], ["invokedAt"]);
    query_begin_time = searchFrom(target.invokedAt);
  } catch (error) {
    return Promise.reject(error);
  }
  const { client, ...options } = config;
  const what = `async invocation ${target.requestId}`;
  const started = performance.now();
  let polls = 0;
  let listed = false;
  return waitUntil(
    what,
    async (signal) => {
      polls++;
      const page = await objectFromAnswer(
        client.GET("/v2/{project_id}/fgs/functions/{function_urn}/async-invocations", {
          params: { path: { function_urn: target.functionUrn }, query: { request_id: target.requestId, query_begin_time } },
          signal,
        }),
      );
      const record = page.invocations?.find((i) => i.request_id === target.requestId);
      listed ||= record !== undefined;
      if (!listed && performance.now() - started >= NEVER_LISTED_MS) throw neverListed(what, polls);
      return record;
    },
    (record) =>
      record?.status && FINISHED_OK.has(record.status)
        ? "success"
        : record?.status && FINISHED_BADLY.has(record.status)
          ? "failure"
          : "retry",
    { ...options, maxWaitMs: options.maxWaitMs ?? LONGEST_RUN_MS },
  ) as Promise<AsyncInvocation>;
}

const neverListed = (what: string, polls: number) =>
  new FunctionGraphError(
    `${what} was not listed in ${NEVER_LISTED_MS / 60_000} minutes (${polls} polls): check functionUrn and requestId, ` +
      "give invokedAt for a run queued over an hour before the wait, and check that the function keeps " +
      "its async invocation records (enable_async_status_log in its async invoke config)",
    { status: 0, code: "WaiterFailure", attempts: polls },
  );
