import { FunctionGraphError, redactHeaders, requestIdOf } from "@fgkit/helpers";

/**
 * The id a helper returns (`helper` names it in the message), read from a 2xx answer. An answer
 * without one is an error naming the field, rather than `undefined` (or the string "undefined")
 * handed on as an id that a waiter would then poll.
 */
export function idFromAnswer(helper: string, field: string, data: unknown, response: Response): string {
  const value = data && typeof data === "object" ? (data as Record<string, unknown>)[field] : undefined;
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new FunctionGraphError(`${helper}: the ${response.status} answer has no ${field}`, {
    status: response.status,
    code: "InvalidResponseBody",
    requestId: requestIdOf(response.headers),
    response: { status: response.status, headers: redactHeaders(response.headers), data },
  });
}
