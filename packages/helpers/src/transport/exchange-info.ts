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
// made only when asked for (an error), not for every answer. fgkit's own buffered Responses keep the
// note themselves, behind a method named EXCHANGE_SLOT (cheaper per call than a WeakMap entry, and
// found by any copy of this package); other Responses go in the WeakMap.
const exchanges = new WeakMap<Response, Noted>();
export const EXCHANGE_SLOT = Symbol.for("fgkit.exchange");

type Slot = (noted?: Noted) => Noted | undefined;
const slotOf = (response: Response) => (response as Response & { [EXCHANGE_SLOT]?: Slot })[EXCHANGE_SLOT];

/** Notes the request behind `response`: the Request, or a function that makes it when needed. */
export function recordExchange(response: Response, request: Request | (() => Request), attempts: number): void {
  const noted = { request, attempts };
  const slot = slotOf(response);
  if (typeof slot === "function") slot.call(response, noted);
  else exchanges.set(response, noted);
}

export function exchangeOf(response: Response): ExchangeInfo | undefined {
  const slot = slotOf(response);
  const noted = typeof slot === "function" ? slot.call(response) : exchanges.get(response);
  if (!noted) return undefined;
  noted.info ??= {
    request: describeRequest(typeof noted.request === "function" ? noted.request() : noted.request),
    attempts: noted.attempts,
  };
  return noted.info;
}
