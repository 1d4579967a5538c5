// Errors fgkit raises where the call is not known: a refresh of credentials that many calls share
// and that timed out. withRetry tells such an error the call it ended. Only these: an error of a
// provider or a transport of the caller's own comes through as it is.
import { callLabel, FunctionGraphError } from "./function-graph-error.js";

const withoutCall = new WeakSet<object>();

/** Marks `error` as raised where no call is known. */
export function markWithoutCall<T extends object>(error: T): T {
  withoutCall.add(error);
  return error;
}

/**
 * A marked error, told the call it ended: its label, its request and the attempts made, with the
 * original as its cause. Any other error is returned as it is.
 */
export function withCallContext(error: unknown, request: Request | (() => Request) | undefined, attempts: number): unknown {
  if (request === undefined || !FunctionGraphError.isInstance(error) || !withoutCall.has(error)) return error;
  const described = typeof request === "function" ? request() : request;
  return new FunctionGraphError(`${callLabel(described)}: ${error.message}`, {
    status: error.status,
    code: error.code,
    requestId: error.requestId,
    attempts,
    request: described,
    response: error.response,
    cause: error,
  });
}
