// Errors fgkit raises where the call is not known: a refresh of credentials that many calls share
// and that timed out. withRetry tells such an error the call it ended. Only these: an error of a
// provider or a transport of the caller's own comes through as it is.
import { callLabel, FunctionGraphError } from "./function-graph-error.js";

// A shared symbol, not a module's own WeakSet: a provider from one copy of the package (the CommonJS
// build) may raise the error that another copy's withRetry (the ESM one) catches.
const WITHOUT_CALL = Symbol.for("fgkit.withoutCall");

/** Marks `error` as raised where no call is known (a hidden property). */
export function markWithoutCall<T extends object>(error: T): T {
  Object.defineProperty(error, WITHOUT_CALL, { value: true });
  return error;
}

/**
 * A marked error, told the call it ended: its label, its request and the attempts made, with the
 * original as its cause. Any other error is returned as it is.
 */
export function withCallContext(error: unknown, request: Request | (() => Request) | undefined, attempts: number): unknown {
  if (
    request === undefined ||
    !FunctionGraphError.isInstance(error) ||
    (error as { [WITHOUT_CALL]?: true })[WITHOUT_CALL] !== true
  )
    return error;
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
