import { attemptDirect, directOf, isDraftRequest, readParts } from "#platform";
import { checkFunction, checkKnownOptions, checkObject } from "../errors/argument-checks.js";
import { withCallContext } from "../errors/call-context.js";
import { errorDetails, errorFromResponse, parseErrorBody } from "../errors/from-response.js";
import { callLabel, FunctionGraphError } from "../errors/function-graph-error.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { answerHeadersWithoutSecrets, bodyWithoutSecrets, errorWithoutSecrets } from "../errors/without-secret.js";
import { copyRequest } from "../transport/copy-request.js";
import type { DraftParts } from "../transport/draft-request.js";
import { recordExchange } from "../transport/exchange-info.js";
import { noteBody } from "../transport/known-body.js";
import { LinkedSignal } from "../transport/linked-signal.js";
import { bufferedResponse, readBody } from "../transport/read-body.js";
import { requestBodyBytes } from "../transport/request-body.js";
import { isResponseLike } from "../transport/response-like.js";
import type { FetchLike } from "../transport/types.js";
import { fullJitterDelay, parseRetryAfter, sleep } from "./backoff.js";
import { isFinalError, isTransientNetworkError, networkError, notSentReason, secretsOf, sentNothing } from "./classify.js";
import { type ClockOffset, serverNow, skewOfRefusal } from "./clock-skew.js";
import {
  IDEMPOTENT_METHODS,
  RETRY_HINTS,
  RETRY_OPTIONS,
  type RetryOptions,
  resolveMaxResponseBytes,
  resolveRetryOptions,
  resolveTimeoutOptions,
  TIMEOUT_OPTIONS,
  type TimeoutOptions,
} from "./retry-options.js";
import { RETRY_COST, returnRetryTokens, TRANSIENT_RETRY_COST, takeRetryTokens } from "./retry-quota.js";

const WITH_RETRY_OPTIONS = [...RETRY_OPTIONS, ...TIMEOUT_OPTIONS, "clock", "maxResponseBytes", "onUnauthorized"];

export interface RetryTransportOptions extends RetryOptions, TimeoutOptions {
  /** Shared with the signer: corrected when the gateway's clock is far from ours. */
  clock?: ClockOffset | undefined;
  /** Largest response body accepted (default 64 MiB). */
  maxResponseBytes?: number | undefined;
  /**
   * Called when an attempt is answered 401 (other than for a clock fix), with the request it sent:
   * return true to send it once more, e.g. after the provider dropped the refused token or keys (see
   * invalidateRefusedCredentials). At most once per call, whatever the method: the gateway refused the
   * request before anything ran, and the resend does not count against maxAttempts.
   */
  onUnauthorized?: ((request: Request) => boolean) | undefined;
}

export type Outcome = { response: Response } | { error: unknown };

/**
 * Runs each call as up to `maxAttempts` attempts over `next` (which signs each attempt afresh).
 * Every attempt gets a fresh copy of the request, its own timeout, and the caller's AbortSignal;
 * the response body is read inside the attempt, so a dropped body counts as a failed attempt.
 */
export function withRetry(next: FetchLike, options: RetryTransportOptions = {}): FetchLike {
  if (typeof next !== "function")
    throw new InvalidInputError("next", "must be a fetch function (request: Request) => Promise<Response>");
  checkObject("options", options);
  // One object carries the retry policy, the timeouts and withRetry's own options: its names are
  // checked once, against all three, and each part is resolved from its own.
  checkKnownOptions("", options, WITH_RETRY_OPTIONS, RETRY_HINTS);
  const {
    clock: givenClock,
    maxResponseBytes,
    onUnauthorized,
    attemptTimeoutMs: attempt,
    totalTimeoutMs: total,
    ...policy
  } = options;
  const retry = resolveRetryOptions(policy);
  const { attemptTimeoutMs, totalTimeoutMs } = resolveTimeoutOptions({ attemptTimeoutMs: attempt, totalTimeoutMs: total });
  const maxBytes = resolveMaxResponseBytes(maxResponseBytes);
  if (givenClock !== undefined) {
    checkObject("clock", givenClock);
    // A skew fix is written to it: a frozen clock, or one whose offset is no number, would fail then.
    if (!Object.isExtensible(givenClock) || Object.isFrozen(givenClock) || typeof givenClock.offsetMs !== "number")
      throw new InvalidInputError("clock", "must be a writable { offsetMs: number } object (share one with withAuth)");
  }
  const clock = givenClock ?? { offsetMs: 0 };
  if (onUnauthorized !== undefined) checkFunction("onUnauthorized", onUnauthorized, "(request: Request) => boolean");

  // With a direct entry point below (fgkit's Node transport under withAuth), attempts skip the
  // per-attempt Request and the streamed Response; the answer becomes one buffered Response.
  const direct = directOf(next);

  // Not async itself (one promise fewer per call), but it never throws: a failure is a rejection.
  return (incoming) => {
    let original: Request | DraftParts = incoming;
    try {
      if (typeof incoming?.url !== "string" || typeof incoming.method !== "string" || typeof incoming.headers !== "object")
        throw new InvalidInputError("request", "must be a Request");
      // fgkit's client may pass a DraftRequest (no Request built yet); a transport without a direct
      // entry point gets the Request it describes.
      if (!direct && isDraftRequest(original)) original = original.toRequest();
    } catch (error) {
      return Promise.reject(error);
    }
    if (!totalTimeoutMs) return call(original, undefined);
    const deadline = new LinkedSignal([], totalTimeoutMs);
    return call(original, deadline).finally(() => deadline.release());
  };

  async function call(original: Request | DraftParts, deadline: LinkedSignal | undefined): Promise<Response> {
    const callerSignal: AbortSignal | undefined = original.signal;
    // Read once; every attempt sends these bytes (the layers below find them with knownBody()).
    const reading = direct ? readParts(original) : undefined;
    const parts = reading instanceof Promise ? await reading : reading;
    // Without a direct transport `original` is a Request (a DraftRequest was turned into one above).
    const asRequest = original as Request;
    const body = parts ? parts.body : await requestBodyBytes(asRequest);
    const retryable = IDEMPOTENT_METHODS.has(original.method) || retry.retryNonIdempotent;
    let skewRetried = false;
    let unauthorizedRetried = false;
    // What this call's last retry took from the quota: a success gives it back (1 token if none).
    let lastRetryCost = 0;
    const quota = retry.retryQuota;
    // `attempt` counts against maxAttempts; `sent` is what errors report: every request sent,
    // the one a clock fix repeats included, so it matches what the server saw.
    let sent = 0;

    for (let attempt = 1; ; attempt++) {
      sent++;
      const startedAt = Date.now();
      const signal = new LinkedSignal([callerSignal, deadline?.signal], attemptTimeoutMs);
      let request: Request | (() => Request) | undefined;
      let outcome: Outcome;
      try {
        if (direct && parts) {
          const attemptDirectly = attemptDirect(direct, original.method, parts, signal, maxBytes, sent);
          request = attemptDirectly.describe;
          outcome = await attemptDirectly.outcome;
        } else {
          // From the caller's Request, so its other options (redirect above all) hold for every attempt.
          request = copyRequest(asRequest, { headers: asRequest.headers, body, signal: signal.signal });
          noteBody(request, body);
          outcome = await attemptOnce(next, request, maxBytes, sent, signal);
        }
      } catch (error) {
        throw withCallContext(error, request, sent);
      } finally {
        signal.release();
      }
      const made = request;
      const described = () => (typeof made === "function" ? made() : made);

      // Errors describe the attempt's request (withAuth set X-Project-Id or the token on it), not the caller's.
      if (callerSignal?.aborted) throw stopped(described(), sent, "Aborted", "aborted by the caller", callerSignal.reason);
      if (deadline?.aborted)
        throw stopped(described(), sent, "Timeout", `no answer within the ${totalTimeoutMs} ms deadline`, deadline.reason);

      let delay: number;
      if ("response" in outcome) {
        const { response } = outcome;
        recordExchange(response, request, sent);
        const corrected = skewRetried
          ? undefined
          : skewOfRefusal(response, () => described().headers.get("x-sdk-date"), startedAt);
        if (corrected !== undefined) {
          clock.offsetMs = corrected;
          skewRetried = true;
          attempt--; // a clock fix is not a failed attempt
          continue;
        }
        if (response.status === 401 && onUnauthorized && !unauthorizedRetried) {
          unauthorizedRetried = true;
          if (onUnauthorized(described())) {
            attempt--; // nor is a refused credential that was replaced
            continue;
          }
        }
        // A 429 from the gateway or FunctionGraph (its body names their error code) refused the call
        // before anything ran, so it is retried whatever the method.
        const again = retryable || (response.status === 429 && (await namesErrorCode(response)));
        if (!retry.retryableStatuses.has(response.status) || !again || attempt >= retry.maxAttempts) {
          if (quota && response.ok) returnRetryTokens(quota, lastRetryCost);
          return response;
        }
        const throttled = response.status === 429 || response.status === 503;
        const backoff = fullJitterDelay(
          attempt - 1,
          throttled ? retry.throttlingBaseDelayMs : retry.baseDelayMs,
          retry.maxDelayMs,
          retry.random,
        );
        const hinted = parseRetryAfter(response.headers.get("retry-after"), serverNow(response, clock));
        if (hinted !== undefined && hinted > retry.maxRetryAfterMs) return response;
        // The answer is the call's when the quota cannot pay for another attempt.
        if (quota && !takeRetryTokens(quota, RETRY_COST)) return response;
        lastRetryCost = RETRY_COST;
        delay = Math.max(backoff, hinted ?? 0);
        // The answer is dropped for the next attempt: its body is read only for an onRetry to see.
        if (retry.onRetry)
          retry.onRetry({
            error: errorFromResponse(described(), response, parseErrorBody(await response.text()), sent),
            attempt: sent,
            delayMs: delay,
          });
      } else {
        const timedOut = signal.timedOut;
        const notSent = sentNothing(outcome.error);
        const transient = timedOut || isTransientNetworkError(outcome.error);
        // A request that never left (refused, no such host, no connection in time) is sent again whatever the method.
        const again = retryable || notSent;
        const retrying = transient && again && attempt < retry.maxAttempts;
        // Held back for its method, or because the quota cannot pay: the error says which.
        const spent = retrying && quota !== undefined && !takeRetryTokens(quota, TRANSIENT_RETRY_COST);
        const held =
          transient && !again && attempt < retry.maxAttempts ? NOT_SENT_AGAIN(original.method) : spent ? QUOTA_SPENT : "";
        const error = timedOut
          ? stopped(
              described(),
              sent,
              "Timeout",
              notSent
                ? `attempt ${sent} was not sent: ${notSentReason(outcome.error) ?? "no connection was ready"} within ${attemptTimeoutMs} ms${held}`
                : `attempt ${sent} got no complete answer within ${attemptTimeoutMs} ms${held}`,
              outcome.error,
            )
          : networkError(outcome.error, described(), sent, held);
        if (!retrying || spent) throw error;
        lastRetryCost = TRANSIENT_RETRY_COST;
        delay = fullJitterDelay(attempt - 1, retry.baseDelayMs, retry.maxDelayMs, retry.random);
        retry.onRetry?.({ error, attempt: sent, delayMs: delay });
      }
      const waiting = deadline ? new LinkedSignal([callerSignal, deadline.signal]) : undefined;
      try {
        await sleep(delay, waiting?.signal ?? callerSignal);
      } catch (reason) {
        if (callerSignal?.aborted) throw stopped(described(), sent, "Aborted", "aborted by the caller", reason);
        throw stopped(described(), sent, "Timeout", `no answer within the ${totalTimeoutMs} ms deadline`, reason);
      } finally {
        waiting?.release();
      }
    }
  }
}

/** Whether an error answer's body carries an API error code (`APIGW.0308`, `FSS.0429`). */
async function namesErrorCode(response: Response): Promise<boolean> {
  return errorDetails(parseErrorBody(await response.clone().text())).code !== undefined;
}

async function attemptOnce(
  next: FetchLike,
  request: Request,
  maxBytes: number,
  attempt: number,
  end: LinkedSignal,
): Promise<Outcome> {
  try {
    // The attempt ends at its timeout or the caller's signal even when a fetch of the caller's own
    // does not heed the signal it is given (its answer, or its body, would otherwise be waited for
    // without end).
    const response = await unlessUnheeded(next(request), end);
    // A fetch of the caller's own that resolves to something else would fail later, inside.
    if (!isResponseLike(response)) throw new InvalidInputError("fetch", "resolved to something that is not a Response");
    // redirect: "manual" in a browser: the redirect's status and target are hidden from us.
    if (response.type === "opaqueredirect") throw redirectNotFollowed(request, attempt);
    // A body that never ends from a fetch that ignores the signal is cancelled once given up on.
    const read = await unlessUnheeded(readBody(response, request, maxBytes, attempt), end, () =>
      response.body?.cancel().catch(() => {}),
    );
    if (response.status < 300) return { response: bufferedResponse(response, read, request, attempt) };
    // An error answer may echo the request, in its body, a header (a redirect's Location) or its
    // reason phrase: its secrets are cut out before anything reads it.
    const secrets = secretsOf(request);
    const answered = answerHeadersWithoutSecrets(response, secrets);
    return { response: bufferedResponse(answered, bodyWithoutSecrets(read, secrets), request, attempt) };
  } catch (error) {
    if (isFinalError(error)) throw error;
    return { error };
  }
}

/**
 * `pending`'s outcome; or, when the attempt ends and `pending` has not settled by the next turn of the
 * event loop, a rejection with the end's reason. A transport that heeds the signal settles first,
 * with its own error (one that says nothing was sent, say), which is kept.
 */
function unlessUnheeded<T>(pending: T | PromiseLike<T>, end: LinkedSignal, onGiveUp?: () => void): Promise<T> {
  let settled = false;
  return new Promise<T>((resolve, reject) => {
    Promise.resolve(pending).then(
      (value) => {
        settled = true;
        resolve(value);
      },
      (error: unknown) => {
        settled = true;
        reject(error);
      },
    );
    const giveUp = () =>
      setTimeout(() => {
        if (settled) return;
        onGiveUp?.();
        reject(end.reason);
      }, 0);
    if (end.aborted) giveUp();
    else end.onAbort(giveUp);
  });
}

function redirectNotFollowed(request: Request, attempts: number): FunctionGraphError {
  return new FunctionGraphError(
    `${callLabel(request)}: the endpoint answered with a redirect, which is not followed (the browser hides where it led)`,
    { status: 0, code: "Redirect", attempts, request },
  );
}

/** Why a failed attempt was not repeated when the client's retry quota could not pay for it. */
const QUOTA_SPENT =
  "; not sent again, as the client's retry quota is spent (many attempts failed lately; it refills as calls succeed)";

/** Why a failed attempt of a method that is not idempotent was not repeated. */
const NOT_SENT_AGAIN = (method: string) =>
  `; not sent again, as the ${method} may have run (retry.retryNonIdempotent: true sends it again)`;

function stopped(
  request: Request,
  attempts: number,
  code: "Aborted" | "Timeout",
  why: string,
  cause: unknown,
): FunctionGraphError {
  return new FunctionGraphError(`${callLabel(request)}: ${why}`, {
    status: 0,
    code,
    attempts,
    request,
    // What a transport rejected with when the attempt ended may quote the request, as a failure's
    // error may (networkError): it is kept only without the request's secrets.
    cause: errorWithoutSecrets(cause, secretsOf(request)),
  });
}
