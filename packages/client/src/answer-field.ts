import { type CallResult, exchangeOf, FunctionGraphError, redactHeaders, requestIdOf, unwrap } from "@fgkit/helpers";

/**
 * The id a helper returns (`helper` names it in the message), read from a 2xx answer. An answer
 * without one is an error naming the field, rather than `undefined` (or the string "undefined")
 * handed on as an id that a waiter would then poll.
 */
export function idFromAnswer(helper: string, field: string, data: unknown, response: Response): string {
  const value = data && typeof data === "object" ? (data as Record<string, unknown>)[field] : undefined;
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw unusableAnswer(`${helper}: the ${response.status} answer has no ${field}`, data, response);
}

/**
 * The data of a successful call whose answer must be a JSON object (a page of a list, the record a
 * waiter polls). A 2xx without one (a 204, an empty body, `null`, an array) is an InvalidResponseBody
 * error, not a TypeError where the page's fields are read, nor a list that ends without a word.
 */
export async function objectFromAnswer<T>(call: Promise<CallResult<T>>): Promise<T> {
  const result = await call;
  const data = await unwrap(result);
  if (data !== null && typeof data === "object" && !Array.isArray(data)) return data;
  const { response } = result;
  const exchange = exchangeOf(response);
  throw unusableAnswer(
    `${exchangeLabel(exchange) ?? "the call"}: the ${response.status} answer has no JSON object`,
    data,
    response,
    exchange,
  );
}

/** The call that brought `response` (`GET /v2/.../fgs/functions`), when fgkit made it. */
export const callOf = (response: Response): string | undefined => exchangeLabel(exchangeOf(response));

const exchangeLabel = (exchange: ReturnType<typeof exchangeOf>): string | undefined =>
  exchange ? `${exchange.request.method} ${new URL(exchange.request.url).pathname}` : undefined;

/** The InvalidResponseBody error for a 2xx answer a helper cannot use: its data kept, its headers redacted. */
function unusableAnswer(
  message: string,
  data: unknown,
  response: Response,
  exchange?: ReturnType<typeof exchangeOf>,
): FunctionGraphError {
  return new FunctionGraphError(message, {
    status: response.status,
    code: "InvalidResponseBody",
    requestId: requestIdOf(response.headers),
    attempts: exchange?.attempts,
    request: exchange?.request,
    response: { status: response.status, headers: redactHeaders(response.headers), data },
  });
}
