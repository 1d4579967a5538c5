export interface RetryOptions {
  /** Attempts in all, the first included (default 3; 1 turns retries off). */
  maxAttempts?: number;
  /** Base of the exponential backoff for errors (default 100 ms) and for throttling (default 500 ms). */
  baseDelayMs?: number;
  throttlingBaseDelayMs?: number;
  /** Upper bound of one backoff delay (default 20 s). */
  maxDelayMs?: number;
  /** Longest Retry-After honoured; a longer one ends the retries (default 20 s). */
  maxRetryAfterMs?: number;
  /** HTTP statuses worth another attempt (default 429, 500, 502, 503, 504). */
  retryableStatuses?: readonly number[];
  /** Retry POST too (create, invoke): only when the operation is known to be safe to repeat. */
  retryNonIdempotent?: boolean;
  /** Source of randomness for the jitter (tests pass a fixed one). */
  random?: () => number;
}

export interface TimeoutOptions {
  /** Time allowed for one attempt, from sending to the last body byte (default 60 s; 0 = none). */
  attemptTimeoutMs?: number;
  /** Time allowed for the whole call, retries and waits included (default none). */
  totalTimeoutMs?: number;
}

export type ResolvedRetryOptions = Required<Omit<RetryOptions, "retryableStatuses">> & { retryableStatuses: ReadonlySet<number> };

export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  return {
    maxAttempts: Math.max(1, Math.floor(options.maxAttempts ?? 3)),
    baseDelayMs: options.baseDelayMs ?? 100,
    throttlingBaseDelayMs: options.throttlingBaseDelayMs ?? 500,
    maxDelayMs: options.maxDelayMs ?? 20_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 20_000,
    retryableStatuses: new Set(options.retryableStatuses ?? [429, 500, 502, 503, 504]),
    retryNonIdempotent: options.retryNonIdempotent ?? false,
    random: options.random ?? Math.random,
  };
}
