import { describeRequest, type ErrorRequestInfo } from "../errors/function-graph-error.js";

export interface ExchangeInfo {
  /** The request as sent (secrets redacted). */
  request: ErrorRequestInfo;
  attempts: number;
}

// openapi-fetch returns { data, error, response } without the request; transports note here what
// they sent for each response, so unwrap() can build a complete error later.
const exchanges = new WeakMap<Response, ExchangeInfo>();

export function recordExchange(response: Response, request: Request, attempts: number): void {
  exchanges.set(response, { request: describeRequest(request), attempts });
}

export function exchangeOf(response: Response): ExchangeInfo | undefined {
  return exchanges.get(response);
}
