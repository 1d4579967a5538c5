import { describeRequest, type ErrorRequestInfo } from "../errors/function-graph-error.js";

export interface ExchangeInfo {
  /** The request as sent (secrets redacted). */
  request: ErrorRequestInfo;
  attempts: number;
}

interface Noted {
  request: Request | (() => Request);
  attempts: number;
  info?: ExchangeInfo;
}

// openapi-fetch returns { data, error, response } without the request; transports note here what
// they sent for each response, so unwrap() can build a complete error later. The redacted copy is
// made only when asked for (an error), not for every answer.
const exchanges = new WeakMap<Response, Noted>();

/** Notes the request behind `response`: the Request, or a function that makes it when needed. */
export function recordExchange(response: Response, request: Request | (() => Request), attempts: number): void {
  exchanges.set(response, { request, attempts });
}

export function exchangeOf(response: Response): ExchangeInfo | undefined {
  const noted = exchanges.get(response);
  if (!noted) return undefined;
  noted.info ??= {
    request: describeRequest(typeof noted.request === "function" ? noted.request() : noted.request),
    attempts: noted.attempts,
  };
  return noted.info;
}
