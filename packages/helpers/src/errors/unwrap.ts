import { exchangeOf } from "../transport/exchange-info.js";
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
  const exchange = exchangeOf(response);
  const request = exchange?.request ?? { method: "UNKNOWN", url: response.url || "about:blank", headers: {} };
  throw errorFromResponse(request, response, error, exchange?.attempts ?? 1);
}
