import { exchangeOf } from "../transport/exchange-info.js";
import { checkAbsoluteUrl } from "./argument-checks.js";
import { errorFromResponse } from "./from-response.js";
import { InvalidInputError } from "./invalid-input-error.js";

export interface CallResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful call, or a FunctionGraphError carrying status, code, request id and the redacted request. */
export async function unwrap<T>(call: CallResult<T> | Promise<CallResult<T>>): Promise<T> {
  const result = await call;
  if (!result || typeof result !== "object" || typeof result.response?.status !== "number")
    throw new InvalidInputError("call", "must be a client call's { data, error, response }, or its promise");
  const { data, error, response } = result;
  if (response.ok) return data as T;
  // What the error is built from, checked first: a hand-made stand-in would fail inside it.
  const headers = response.headers as Headers | undefined;
  if (!headers || typeof headers !== "object" || typeof headers.get !== "function")
    throw new InvalidInputError("call.response.headers", "must be a Headers");
  const exchange = exchangeOf(response);
  if (exchange) throw errorFromResponse(exchange.request, response, error, exchange.attempts);
  // No request was noted (a Response from elsewhere): the answer's own URL, if any, stands in for it.
  const url = response.url as string | undefined;
  if (url !== "" && url !== undefined) checkAbsoluteUrl("call.response.url", url);
  throw errorFromResponse({ method: "UNKNOWN", url: url || "about:blank", headers: {} }, response, error, 1);
}
