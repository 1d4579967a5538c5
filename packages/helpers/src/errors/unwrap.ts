import { exchangeOf } from "../transport/exchange-info.js";
import { errorFromResponse } from "./from-response.js";

export interface CallResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful call, or a FunctionGraphError carrying status, code, request id and the redacted request. */
export async function unwrap<T>(call: CallResult<T> | Promise<CallResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  const exchange = exchangeOf(response);
  const request = exchange?.request ?? { method: "UNKNOWN", url: response.url || "about:blank", headers: {} };
  throw errorFromResponse(request, response, error, exchange?.attempts ?? 1);
}
