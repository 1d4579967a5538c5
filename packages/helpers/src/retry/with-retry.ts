import { FunctionGraphError } from "../errors/function-graph-error.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { recordExchange } from "../transport/exchange-info.js";
import { bufferedResponse, DEFAULT_MAX_RESPONSE_BYTES, readBody } from "../transport/read-body.js";
import type { FetchLike } from "../transport/types.js";
import { fullJitterDelay, parseRetryAfter, sleep } from "./backoff.js";
import { isTransientNetworkError, networkError } from "./classify.js";
import { type ClockOffset, skewCorrection } from "./clock-skew.js";
import { IDEMPOTENT_METHODS, type RetryOptions, resolveRetryOptions, type TimeoutOptions } from "./retry-options.js";

export interface RetryTransportOptions extends RetryOptions, TimeoutOptions {
  /** Shared with the signer: corrected when the gateway's clock is far from ours. */
  clock?: ClockOffset;
  /** Largest response body accepted (default 64 MiB). */
  maxResponseBytes?: number;
}

type Outcome = { response: Response } | { error: unknown };

/**
 * Runs each call as up to `maxAttempts` attempts over `next` (which signs each attempt afresh).
 * Every attempt gets a fresh copy of the request, its own timeout, and the caller's AbortSignal;
 * the response body is read inside the attempt, so a dropped body counts as a failed attempt.
 */
export function withRetry(next: FetchLike, options: RetryTransportOptions = {}): FetchLike {
  const retry = resolveRetryOptions(options);
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 60_000;
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const clock = options.clock ?? { offsetMs: 0 };

  return async (original) => {
    const callerSignal = original.signal;
    const deadline = options.totalTimeoutMs ? AbortSignal.timeout(options.totalTimeoutMs) : undefined;
    const body = original.body ? await original.arrayBuffer() : undefined;
    const retryable = IDEMPOTENT_METHODS.has(original.method) || retry.retryNonIdempotent;
    let skewRetried = false;
    // `attempt` counts against maxAttempts; `sent` is what errors report: every request sent,
    // the one a clock fix repeats included, so it matches what the server saw.
    let sent = 0;

    for (let attempt = 1; ; attempt++) {
      sent++;
      const timeout = attemptTimeoutMs > 0 ? AbortSignal.timeout(attemptTimeoutMs) : undefined;
      const signals = [callerSignal, deadline, timeout].filter((s): s is AbortSignal => s !== undefined);
      const request = new Request(original.url, {
        method: original.method,
        headers: original.headers,
        body: body ?? null,
        signal: signals.length === 1 ? signals[0] : AbortSignal.any(signals),
      });
      const outcome = await attemptOnce(next, request, maxBytes, sent);

      // Errors describe the attempt's request (withAuth set X-Project-Id or the token on it), not the caller's.
      if (callerSignal.aborted) throw stopped(request, sent, "Aborted", "aborted by the caller", callerSignal.reason);
      if (deadline?.aborted)
        throw stopped(request, sent, "Timeout", `no answer within the ${options.totalTimeoutMs} ms deadline`, deadline.reason);

      let delay: number;
      if ("response" in outcome) {
        const { response } = outcome;
        recordExchange(response, request, sent);
        const corrected = skewRetried ? undefined : skewCorrection(response, clock);
        if (corrected !== undefined) {
          clock.offsetMs = corrected;
          skewRetried = true;
          attempt--; // a clock fix is not a failed attempt
          continue;
        }
        if (!retry.retryableStatuses.has(response.status) || !retryable || attempt >= retry.maxAttempts) return response;
        const throttled = response.status === 429 || response.status === 503;
        const backoff = fullJitterDelay(
          attempt - 1,
          throttled ? retry.throttlingBaseDelayMs : retry.baseDelayMs,
          retry.maxDelayMs,
          retry.random,
        );
        const hinted = parseRetryAfter(response.headers.get("retry-after"));
        if (hinted !== undefined && hinted > retry.maxRetryAfterMs) return response;
        delay = Math.max(backoff, hinted ?? 0);
      } else {
        const timedOut = timeout?.aborted === true;
        const error = timedOut
          ? stopped(
              request,
              sent,
              "Timeout",
              `attempt ${sent} got no complete answer within ${attemptTimeoutMs} ms`,
              outcome.error,
            )
          : networkError(outcome.error, request, sent);
        const transient = timedOut || isTransientNetworkError(outcome.error);
        if (!transient || !retryable || attempt >= retry.maxAttempts) throw error;
        delay = fullJitterDelay(attempt - 1, retry.baseDelayMs, retry.maxDelayMs, retry.random);
      }
      try {
        await sleep(delay, signals.length > 1 ? AbortSignal.any([callerSignal, ...(deadline ? [deadline] : [])]) : callerSignal);
      } catch (reason) {
        if (callerSignal.aborted) throw stopped(request, sent, "Aborted", "aborted by the caller", reason);
        throw stopped(request, sent, "Timeout", `no answer within the ${options.totalTimeoutMs} ms deadline`, reason);
      }
    }
  };
}

async function attemptOnce(next: FetchLike, request: Request, maxBytes: number, attempt: number): Promise<Outcome> {
  try {
    const response = await next(request);
    const body = await readBody(response, request, maxBytes, attempt);
    return { response: bufferedResponse(response, body, request, attempt) };
  } catch (error) {
    // Our own errors (bad body, bad input such as a malformed token) are final, not network failures.
    if (FunctionGraphError.isInstance(error) || error instanceof InvalidInputError) throw error;
    return { error };
  }
}

function stopped(
  request: Request,
  attempts: number,
  code: "Aborted" | "Timeout",
  why: string,
  cause: unknown,
): FunctionGraphError {
  return new FunctionGraphError(`${request.method} ${new URL(request.url).pathname}: ${why}`, {
    status: 0,
    code,
    attempts,
    request,
    cause,
  });
}
