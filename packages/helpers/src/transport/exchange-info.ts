import { checkAbsoluteUrl } from "../errors/argument-checks.js";
import { describeRequest, type ErrorRequestInfo } from "../errors/function-graph-error.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { checkWholeNumber } from "../errors/number-checks.js";

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

/**
 * Notes the request behind `response`: the Request, or a function that makes it when needed. What
 * is noted is checked now (a function's result when it is called), so that an error built from it
 * later does not fail inside.
 */
export function recordExchange(response: Response, request: Request | (() => Request), attempts: number): void {
  if (typeof request !== "function") checkRequest("request", request, "must be a Request, or a function that makes one");
  checkWholeNumber("attempts", attempts, 1, 1);
  const noted = { request, attempts };
  const slot = slotOf(response);
  if (typeof slot === "function") slot.call(response, noted);
  else exchanges.set(response, noted);
}

export function exchangeOf(response: Response): ExchangeInfo | undefined {
  const slot = slotOf(response);
  const noted = typeof slot === "function" ? slot.call(response) : exchanges.get(response);
  if (!noted) return undefined;
  if (!noted.info) {
    const request = typeof noted.request === "function" ? noted.request() : noted.request;
    checkRequest("request()", request, "must return a Request (the function recordExchange was given)");
    noted.info = { request: describeRequest(request), attempts: noted.attempts };
  }
  return noted.info;
}

/**
 * What an error is built from: a Request, or one of another fetch implementation (undici's own
 * package) with a method, an absolute URL and headers.
 */
function checkRequest(field: string, request: unknown, problem: string): asserts request is Request {
  if (request instanceof Request) return;
  if (!request || typeof request !== "object") throw new InvalidInputError(field, problem);
  const { method, url, headers } = request as Partial<Record<"method" | "url" | "headers", unknown>>;
  if (method === undefined && url === undefined) throw new InvalidInputError(field, problem);
  if (typeof method !== "string" || method === "") throw new InvalidInputError(`${field}.method`, "must be a non-empty string");
  checkAbsoluteUrl(`${field}.url`, url);
  if (!headers || typeof (headers as Headers).get !== "function" || !(Symbol.iterator in (headers as object)))
    throw new InvalidInputError(`${field}.headers`, "must be a Headers");
}
