// The package's low-level building blocks as it exports them: each checks its arguments first, so a
// wrong one is refused by name with an InvalidInputError instead of failing inside as a TypeError
// (or, worse, giving a wrong answer: a percent-encoded "[object Object]", a 1 ms sleep for Infinity).
// fgkit's own modules call the implementations directly with values they built themselves, so the
// signing hot path and the browser bundle do not carry these checks.
import { checkFunction, checkObject, checkSignal } from "./errors/argument-checks.js";
import * as fromResponse from "./errors/from-response.js";
import type * as errorInfo from "./errors/function-graph-error.js";
import { InvalidInputError } from "./errors/invalid-input-error.js";
import { checkMilliseconds, checkWholeNumber } from "./errors/number-checks.js";
import * as redact from "./errors/redact.js";
import * as backoff from "./retry/backoff.js";
import * as clockSkew from "./retry/clock-skew.js";
import * as canonical from "./signing/canonical.js";
import * as percent from "./signing/percent-encode.js";
import * as exchange from "./transport/exchange-info.js";

function checkString(field: string, value: unknown): asserts value is string {
  if (typeof value !== "string") throw new InvalidInputError(field, "must be a string");
}

function checkFiniteNumber(field: string, value: unknown): asserts value is number {
  if (typeof value !== "number" || !Number.isFinite(value)) throw new InvalidInputError(field, "must be a finite number");
}

function checkHeaders(field: string, value: unknown): asserts value is Headers {
  if (!value || typeof (value as Headers).get !== "function") throw new InvalidInputError(field, "must be a Headers");
}

function checkResponse(field: string, value: unknown): asserts value is Response {
  if (!value || typeof value !== "object" || typeof (value as Response).status !== "number")
    throw new InvalidInputError(field, "must be a Response");
  checkHeaders(`${field}.headers`, (value as Response).headers);
}

/** Headers given as Headers, [name, value] pairs or a record, as a checked list of string pairs. */
function headerPairs(field: string, headers: unknown, { records = true } = {}): [string, string][] {
  if (!headers || typeof headers !== "object")
    throw new InvalidInputError(
      field,
      records ? "must be a Headers, [name, value] pairs or a record" : "must be [name, value] pairs",
    );
  const iterable = Symbol.iterator in headers;
  if (!iterable && !records) throw new InvalidInputError(field, "must be [name, value] pairs");
  const pairs = iterable ? [...(headers as Iterable<unknown>)] : Object.entries(headers);
  pairs.forEach((pair, index) => {
    if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string" || typeof pair[1] !== "string")
      throw new InvalidInputError(
        iterable ? `${field}[${index}]` : `${field}.${String((pair as unknown[])[0])}`,
        iterable ? "must be a [name, value] pair of strings" : "must be a string",
      );
  });
  return pairs as [string, string][];
}

/** Canonical URI of a URL path (SIGNING.md, section 3). */
export function canonicalUri(pathname: string): string {
  checkString("pathname", pathname);
  return canonical.canonicalUri(pathname);
}

/** Canonical query of a URL's query string, with or without its `?`. */
export function canonicalQuery(search: string): string {
  checkString("search", search);
  return canonical.canonicalQuery(search);
}

/** Canonical header lines and the signed header names, from [name, value] pairs. */
export function canonicalHeaders(headers: Iterable<[string, string]>): canonical.CanonicalHeaders {
  return canonical.canonicalHeaders(headerPairs("headers", headers, { records: false }));
}

/** SDK-HMAC-SHA256's encoding: everything but A-Z a-z 0-9 - . _ ~ as %XX of its UTF-8 bytes. */
export function percentEncode(value: string): string {
  checkString("value", value);
  return percent.percentEncode(value);
}

/** Decodes %XX sequences; a malformed sequence is kept as it is. */
export function percentDecode(value: string): string {
  checkString("value", value);
  return percent.percentDecode(value);
}

/** The request id an answer's headers carry (X-Request-Id, X-Cff-Request-Id or X-Apig-Request-Id). */
export function requestIdOf(headers: Headers): string | undefined {
  checkHeaders("headers", headers);
  return fromResponse.requestIdOf(headers);
}

/** An error body as JSON when it is JSON, as text otherwise, undefined when empty. */
export function parseErrorBody(text: string): unknown {
  checkString("text", text);
  return fromResponse.parseErrorBody(text);
}

/** The FunctionGraphError for an answer that is not a success, from its already read body. */
export function errorFromResponse(
  request: Request | errorInfo.ErrorRequestInfo,
  response: Response,
  data: unknown,
  attempts = 1,
): errorInfo.FunctionGraphError {
  checkObject("request", request);
  checkString("request.method", request.method);
  checkString("request.url", request.url);
  checkResponse("response", response);
  checkWholeNumber("attempts", attempts, 1, 1);
  return fromResponse.errorFromResponse(request, response, data, attempts);
}

/** A URL with user information and credential-like query values replaced by [REDACTED]. */
export function redactUrl(url: string): string {
  checkString("url", url);
  return redact.redactUrl(url);
}

/** Whether a header carries a secret (Authorization, X-Auth-Token, X-Security-Token, cookies, ...). */
export function isSecretHeader(name: string): boolean {
  checkString("name", name);
  return redact.isSecretHeader(name);
}

/** A plain copy of the headers with secret values replaced (an Authorization keeps its scheme and access key id). */
export function redactHeaders(headers: Headers | Iterable<[string, string]> | Record<string, string>): Record<string, string> {
  return redact.redactHeaders(headerPairs("headers", headers));
}

/** Notes the request behind `response` for unwrap(): the Request, or a function that makes it when needed. */
export function recordExchange(response: Response, request: Request | (() => Request), attempts: number): void {
  checkObject("response", response);
  if (typeof request !== "function") checkObject("request", request);
  checkWholeNumber("attempts", attempts, 1, 1);
  exchange.recordExchange(response, request, attempts);
}

/** The request noted behind `response` (secrets redacted) and how many were sent, if a transport noted it. */
export function exchangeOf(response: Response): exchange.ExchangeInfo | undefined {
  checkObject("response", response);
  return exchange.exchangeOf(response);
}

/** Full jitter (AWS "standard" mode): a random delay in [0, min(cap, base * 2^retry)). */
export function fullJitterDelay(retry: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  // All three are required (the checks below take undefined as "use the default", and there is none).
  const required = { retry, baseMs, capMs };
  for (const field of ["retry", "baseMs", "capMs"] as const)
    if (required[field] === undefined) throw new InvalidInputError(field, "is required");
  checkWholeNumber("retry", retry, 0, 0);
  checkMilliseconds("baseMs", baseMs, 0);
  checkMilliseconds("capMs", capMs, 0);
  checkFunction("random", random, "() => number in [0, 1)");
  return backoff.fullJitterDelay(retry, baseMs, capMs, random);
}

/** A Retry-After value (seconds or an HTTP date) in milliseconds, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value !== null && value !== undefined) checkString("value", value);
  checkFiniteNumber("now", now);
  return backoff.parseRetryAfter(value ?? null, now);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  checkMilliseconds("ms", ms, 0);
  checkSignal("signal", signal);
  return backoff.sleep(ms, signal);
}

/**
 * When a 401/403 comes from a server whose clock is far from ours, the new offset to sign with (the
 * server's Date minus local now); otherwise undefined.
 */
export function skewCorrection(response: Response, clock: clockSkew.ClockOffset, now = Date.now()): number | undefined {
  checkResponse("response", response);
  checkObject("clock", clock);
  checkFiniteNumber("clock.offsetMs", clock.offsetMs);
  checkFiniteNumber("now", now);
  return clockSkew.skewCorrection(response, clock, now);
}
