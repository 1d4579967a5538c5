import { checkFunction, checkKnownOptions } from "../errors/argument-checks.js";
import type { FunctionGraphError } from "../errors/function-graph-error.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { checkMilliseconds, checkWholeNumber } from "../errors/number-checks.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../transport/read-body.js";
import { type RetryQuota, resolveRetryQuota } from "./retry-quota.js";

export interface RetryOptions {
  /** Attempts in all, the first included (default 3; 1 turns retries off). */
  maxAttempts?: number | undefined;
  /** Base of the exponential backoff for errors (default 100 ms) and for throttling (default 500 ms). */
  baseDelayMs?: number | undefined;
  throttlingBaseDelayMs?: number | undefined;
  /** Upper bound of one backoff delay (default 20 s). */
  maxDelayMs?: number | undefined;
  /** Longest Retry-After honoured; a longer one ends the retries (default 20 s). */
  maxRetryAfterMs?: number | undefined;
  /** HTTP statuses worth another attempt (default 429, 500, 502, 503, 504). */
  retryableStatuses?: readonly number[] | undefined;
  /**
   * Retry POST too (create, invoke): only when the operation is known to be safe to repeat. A 429
   * whose body names an API error code (throttled by the gateway or FunctionGraph: nothing ran) and
   * a request that never left (connection refused, no such host, no credentials) are retried
   * whatever the method.
   */
  retryNonIdempotent?: boolean | undefined;
  /** Source of randomness for the jitter (tests pass a fixed one). */
  random?: (() => number) | undefined;
  /**
   * Called before each wait for another attempt, with the failed attempt as a FunctionGraphError
   * (status 0 when there was no answer; secrets redacted) and the wait: for logs and metrics
   * (throttling shows up here as 429). Whatever it throws ends the call with that error.
   */
  onRetry?: ((retry: RetryEvent) => void) | undefined;
  /**
   * Retry tokens the calls share (AWS SDK v3's retry quota), so that retries do not multiply the load
   * on a service that keeps failing: a retry costs 5 tokens after an error answer, 10 after a timeout
   * or a network error, and is not made when too few are left; a call that succeeds gives back what its
   * last retry cost, or 1 when it needed none. Default: 500 tokens for each client (and the clients
   * `withOptions` makes from it), or for each withRetry wrapper. A number gives another size, `false`
   * no quota, and a `createRetryQuota(...)` one quota for several clients.
   */
  retryQuota?: number | false | RetryQuota | undefined;
}

export interface RetryEvent {
  /** Why the attempt failed, as the call would have failed without a retry. */
  error: FunctionGraphError;
  /** Requests sent so far for this call, the failed one included (as `error.attempts`). */
  attempt: number;
  /** How long the call now waits before the next attempt. */
  delayMs: number;
}

export interface TimeoutOptions {
  /** Time allowed for one attempt, from sending to the last body byte (default 60 s; 0 = none). */
  attemptTimeoutMs?: number | undefined;
  /** Time allowed for the whole call, retries and waits included (default none). */
  totalTimeoutMs?: number | undefined;
}

export type ResolvedRetryOptions = Required<Omit<RetryOptions, "retryableStatuses" | "onRetry" | "retryQuota">> & {
  retryableStatuses: ReadonlySet<number>;
  onRetry: RetryOptions["onRetry"];
  /** undefined: no quota (`retryQuota: false`). */
  retryQuota: RetryQuota | undefined;
};

// Sets that refuse changes once built: an exported one changed anywhere in the program (a POST
// added, say) would change what every client retries.
const sealed = new WeakSet<object>();
class SealedSet<T> extends Set<T> {
  constructor(values: Iterable<T>) {
    super(values);
    sealed.add(this);
    Object.freeze(this);
  }
  override add(value: T): this {
    if (sealed.has(this)) throw new TypeError("this set cannot be changed");
    return super.add(value);
  }
  override delete(_value: T): boolean {
    throw new TypeError("this set cannot be changed");
  }
  override clear(): void {
    throw new TypeError("this set cannot be changed");
  }
}

export const IDEMPOTENT_METHODS: ReadonlySet<string> = new SealedSet(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

/**
 * The retry policy with its defaults, checked: a value that would silently turn a limit off or loop
 * for ever (NaN from an unset environment variable, a negative delay, a fractional count) is
 * refused, naming the field (`field` prefixes the names, e.g. "retry"), and so is a key it does not
 * take.
 */
export function resolveRetryOptions(options: RetryOptions = {}, field = ""): ResolvedRetryOptions {
  const name = fieldName(field);
  // `retry: false` or `retry: 3`, written as other clients take them: say what this one takes.
  if (options === null || typeof options !== "object")
    throw new InvalidInputError(
      field || "retry options",
      "must be an object such as { maxAttempts: 5 } (no retries: { maxAttempts: 1 })",
    );
  checkKnownOptions(field, options, RETRY_OPTIONS, RETRY_HINTS);
  const statuses = options.retryableStatuses ?? [429, 500, 502, 503, 504];
  if (!Array.isArray(statuses) || !statuses.every((status) => Number.isInteger(status) && status >= 100 && status <= 599))
    throw new InvalidInputError(name("retryableStatuses"), "must be an array of HTTP statuses (100 to 599)");
  if (options.retryNonIdempotent !== undefined && typeof options.retryNonIdempotent !== "boolean")
    throw new InvalidInputError(name("retryNonIdempotent"), "must be true or false");
  if (options.random !== undefined && typeof options.random !== "function")
    throw new InvalidInputError(name("random"), "must be a function returning a number in [0, 1)");
  if (options.onRetry !== undefined) checkFunction(name("onRetry"), options.onRetry, "({ error, attempt, delayMs }) => void");
  return {
    maxAttempts: checkWholeNumber(name("maxAttempts"), options.maxAttempts, 3, 1),
    baseDelayMs: checkMilliseconds(name("baseDelayMs"), options.baseDelayMs, 100),
    throttlingBaseDelayMs: checkMilliseconds(name("throttlingBaseDelayMs"), options.throttlingBaseDelayMs, 500),
    maxDelayMs: checkMilliseconds(name("maxDelayMs"), options.maxDelayMs, 20_000),
    maxRetryAfterMs: checkMilliseconds(name("maxRetryAfterMs"), options.maxRetryAfterMs, 20_000),
    retryableStatuses: new Set(statuses),
    retryNonIdempotent: options.retryNonIdempotent ?? false,
    random: options.random ?? Math.random,
    onRetry: options.onRetry,
    retryQuota: resolveRetryQuota(name("retryQuota"), options.retryQuota),
  };
}

/** The timeouts with their defaults, checked as resolveRetryOptions checks the policy (0 = none). */
export function resolveTimeoutOptions(options: TimeoutOptions = {}, field = ""): Required<TimeoutOptions> {
  const name = fieldName(field);
  // `timeout: 5000`: the one number could be either limit.
  if (options === null || typeof options !== "object")
    throw new InvalidInputError(
      field || "timeout options",
      "must be an object: { attemptTimeoutMs, totalTimeoutMs }, each in ms",
    );
  checkKnownOptions(field, options, TIMEOUT_OPTIONS, TIMEOUT_HINTS);
  return {
    attemptTimeoutMs: checkMilliseconds(name("attemptTimeoutMs"), options.attemptTimeoutMs, 60_000),
    totalTimeoutMs: checkMilliseconds(name("totalTimeoutMs"), options.totalTimeoutMs, 0),
  };
}

/** A response size limit: a whole number of bytes, 1 or more (Infinity for none). */
export function resolveMaxResponseBytes(value: number | undefined, field = "maxResponseBytes"): number {
  if (value === Number.POSITIVE_INFINITY) return value;
  return checkWholeNumber(field, value, DEFAULT_MAX_RESPONSE_BYTES, 1);
}

const fieldName = (prefix: string) => (name: string) => (prefix ? `${prefix}.${name}` : name);

export const RETRY_OPTIONS = [
  "maxAttempts",
  "baseDelayMs",
  "throttlingBaseDelayMs",
  "maxDelayMs",
  "maxRetryAfterMs",
  "retryableStatuses",
  "retryNonIdempotent",
  "random",
  "onRetry",
  "retryQuota",
];
export const TIMEOUT_OPTIONS = ["attemptTimeoutMs", "totalTimeoutMs"];

// Other SDKs' names, and timeouts given with the retries (or the other way round).
const COUNT_HINT = "is not an option: maxAttempts counts the first attempt too (retries n is maxAttempts n + 1)";
const ELSEWHERE_HINT = "is a timeout option: it goes in timeout, beside retry";
export const RETRY_HINTS: Record<string, string> = {
  maxRetries: COUNT_HINT,
  retries: COUNT_HINT,
  attemptTimeoutMs: ELSEWHERE_HINT,
  totalTimeoutMs: ELSEWHERE_HINT,
};
const TIMEOUT_HINTS: Record<string, string> = {
  timeoutMs: "is not an option: say which timeout, attemptTimeoutMs (each attempt) or totalTimeoutMs (the call)",
  maxAttempts: "is a retry option: it goes in retry, beside timeout",
};
