import { checkMilliseconds, checkWholeNumber, InvalidInputError, unwrap } from "@fgkit/helpers";
import { assertClient, assertId, assertOptionalObject } from "./argument-checks.js";
import type { FunctionGraphClient } from "./create-client.js";
import { checkEvent, serializeEvent } from "./json-body.js";
import { clientWaitingUpTo } from "./long-call-client.js";
import { kindOf } from "./request-validation.js";
import type { Schemas } from "./types.js";

export interface InvokeOptions {
  /** Return the tail of the function's log (sends `X-Cff-Log-Type: tail`; default true). */
  tailLog?: boolean | undefined;
  /** Memory in MB for this run only (X-Cff-Instance-Memory). */
  instanceMemory?: number | undefined;
  /**
   * How long to wait for the run's answer (default 930 s: a synchronous run may last as long as its
   * function's timeout allows; 0 = no limit). It replaces the client's per-attempt timeout (60 s by
   * default) for this call; the client's overall deadline, if any, still applies.
   */
  timeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
}

/**
 * The API reference answers a synchronous call when the run is complete, and a run may last up to 900 s
 * (longer timeouts are for asynchronous runs); the answer gets 30 s more. Some user-guide editions say a
 * synchronous call through the API gateway gets no answer after about 90 s: a shorter default would
 * then only bring the error forward, while if it does not hold, it would cut off runs that succeed.
 */
const DEFAULT_INVOKE_TIMEOUT_MS = 930_000;

const INVOKE_OPTIONS = ["tailLog", "instanceMemory", "timeoutMs", "signal"];

export interface InvokeSummary {
  duration?: number;
  billingDuration?: number;
  memorySize?: number;
  memoryUsed?: number;
}

export interface InvokeResultFields {
  /** The invocation id, from X-Cff-Request-Id (or the envelope). */
  requestId: string | undefined;
  /** The text the function returned, exactly. */
  rawResult: string | undefined;
  /** The tail of the run's log, decoded (when asked for). */
  log: string | undefined;
  /** The envelope's status field. */
  status: number | undefined;
  /** Duration, billed duration and memory of the run, from X-Cff-Invoke-Summary. */
  summary: InvokeSummary | undefined;
}

/** What a run that failed inside the function's code returns: the error the runtime reported. */
export interface FunctionErrorResult {
  errorMessage?: string;
  errorType?: string;
  stackTrace?: string[];
  [field: string]: unknown;
}

/**
 * The decoded answer of a run. Test `functionError` before reading `result` as `Result`: when the
 * function's own code failed, `result` is the error the runtime reported instead.
 */
export type InvokeResult<Result = unknown> =
  | (InvokeResultFields & {
      /** False: the function ran and returned. */
      functionError: false;
      /** What the function returned: parsed when it is JSON, the raw text otherwise. */
      result: Result;
    })
  | (InvokeResultFields & {
      /** True: the run failed inside the function's code (X-Is-Func-Err / X-Func-Err-Code). */
      functionError: true;
      /** The error the runtime reported (parsed when it is JSON, the raw text otherwise). */
      result: FunctionErrorResult | string | undefined;
    });

/**
 * Runs a function synchronously and decodes the answer: the result parsed when it is JSON, the
 * log decoded, the request id taken from the headers. Throws FunctionGraphError on an API error.
 * Invocations are not retried (a repeated run is not harmless), except a 429 whose body names an API
 * error code (throttled: nothing ran) and a request that never left (connection refused, no credentials);
 * opt in to more with client.withOptions.
 * The run gets `timeoutMs` (default 930 s), not the client's 60 s per attempt: functions may run longer.
 */
export async function invokeFunction<Result = unknown>(
  client: FunctionGraphClient,
  functionUrn: string,
  event: object = {},
  options: InvokeOptions = {},
): Promise<InvokeResult<Result>> {
  assertClient(client);
  assertId("functionUrn", functionUrn);
  checkEvent(event);
  assertOptionalObject("options", options, INVOKE_OPTIONS);
  const timeoutMs = checkMilliseconds("timeoutMs", options.timeoutMs, DEFAULT_INVOKE_TIMEOUT_MS);
  // "false" or 0 from a configuration file would read as true (or as false) without a word.
  if (options.tailLog !== undefined && typeof options.tailLog !== "boolean")
    throw new InvalidInputError("tailLog", `must be true or false, got ${kindOf(options.tailLog)}`);
  const header: Record<string, string> = { "X-CFF-Request-Version": "v1" };
  if (options.tailLog ?? true) header["X-Cff-Log-Type"] = "tail";
  if (options.instanceMemory !== undefined) header["X-Cff-Instance-Memory"] = instanceMemoryHeader(options.instanceMemory);
  const call = clientWaitingUpTo(client, timeoutMs).POST("/v2/{project_id}/fgs/functions/{function_urn}/invocations", {
    params: { path: { function_urn: functionUrn }, header },
    body: event as Record<string, unknown>,
    bodySerializer: serializeEvent,
    // Read as text: an answer other than the v1 envelope is the function's own output, JSON or not.
    parseAs: "text",
    signal: options.signal,
  });
  const { response } = await call;
  const body = await unwrap(call);
  const headers = response.headers;
  const envelope = envelopeOf(body, headers.get("x-cff-response-version"));
  const rawResult = envelope ? envelopeResult(envelope.result) : body === "" ? undefined : body;
  const errorCode = headers.get("x-func-err-code");
  const fields: InvokeResultFields = {
    requestId: headers.get("x-cff-request-id") ?? envelope?.request_id,
    rawResult,
    log: envelope?.log ?? decodeBase64(headers.get("x-cff-function-log")),
    status: envelope?.status,
    summary: summaryOf(headers.get("x-cff-invoke-summary")),
  };
  const result = parseMaybeJson(rawResult);
  // The code is "0" for a run that succeeded; an empty header carries no code at all.
  return headers.get("x-is-func-err") === "true" || (!!errorCode && errorCode !== "0")
    ? { ...fields, functionError: true, result: result as FunctionErrorResult | string | undefined }
    : { ...fields, functionError: false, result: result as Result };
}

/** X-Cff-Instance-Memory's value: `instanceMemory` MB for this run only (the sync and async calls take it). */
export const instanceMemoryHeader = (instanceMemory: number): string =>
  String(checkWholeNumber("instanceMemory", instanceMemory, 0, 1));

type Envelope = Partial<Schemas["InvokeFunctionResponse"]>;

/**
 * The v1 envelope ({ request_id, result, log, status }) the call asks for, or undefined when the
 * answer is the function's output itself: X-Cff-Response-Version says which (v0 is the output as
 * text). Without that header, only a body shaped as the envelope is taken for one.
 */
function envelopeOf(body: string | undefined, version: string | null): Envelope | undefined {
  if (body === undefined || body === "") return undefined;
  const answered = version?.trim().toLowerCase();
  if (answered !== undefined && answered !== "v1") return undefined;
  const parsed = parseMaybeJson(body);
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  const envelope = parsed as Envelope;
  return answered === "v1" || typeof envelope.result === "string" ? envelope : undefined;
}

/**
 * The envelope's result as the text the function returned. The API sends it as a string; a `null` or
 * missing one is no result, and any other JSON value (from a service that sent it unwrapped) is kept
 * as its JSON text, so that `rawResult` is text and `result` the value, as for a string.
 */
function envelopeResult(result: unknown): string | undefined {
  if (result === undefined || result === null) return undefined;
  return typeof result === "string" ? result : JSON.stringify(result);
}

/** X-Cff-Invoke-Summary when it is the JSON object it is documented as; anything else is no summary. */
function summaryOf(header: string | null): InvokeSummary | undefined {
  const parsed = parseMaybeJson(header ?? undefined);
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as InvokeSummary) : undefined;
}

function parseMaybeJson(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function decodeBase64(value: string | null): string | undefined {
  if (!value) return undefined;
  try {
    return new TextDecoder().decode(Uint8Array.from(atob(value), (c) => c.charCodeAt(0)));
  } catch {
    return value;
  }
}
