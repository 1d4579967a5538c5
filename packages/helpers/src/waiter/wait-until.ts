import { checkFunction, checkKnownOptions, checkObject, checkSignal } from "../errors/argument-checks.js";
import { FunctionGraphError } from "../errors/function-graph-error.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { checkMilliseconds } from "../errors/number-checks.js";
import { sleep } from "../retry/backoff.js";
import { LinkedSignal } from "../transport/linked-signal.js";
import { untilAborted } from "../transport/until-aborted.js";

export type WaiterState = "success" | "failure" | "retry";

const WAITER_OPTIONS = ["minDelayMs", "maxDelayMs", "maxWaitMs", "signal", "random"];
const WAITER_HINTS: Record<string, string> = { timeoutMs: "is not a waiter option: the wait's limit is maxWaitMs" };

export interface WaiterOptions {
  /** First delay between polls (default 1 s); doubles up to `maxDelayMs` (default 30 s), with jitter. */
  minDelayMs?: number | undefined;
  maxDelayMs?: number | undefined;
  /** Give up after this long (default 5 minutes; a waiter may say otherwise), cutting short a poll still running then. */
  maxWaitMs?: number | undefined;
  /** Stops the wait at once. */
  signal?: AbortSignal | undefined;
  random?: (() => number) | undefined;
}

/**
 * Polls until `check` says success (returns the last value) or failure (throws), like the AWS SDK's
 * waiters: exponential backoff with jitter between `minDelayMs` and `maxDelayMs`, bounded by the
 * deadline, which also ends a poll still running; an AbortSignal or the deadline ends it with a
 * FunctionGraphError (Aborted / WaiterTimeout).
 */
export async function waitUntil<T>(
  what: string,
  poll: (signal: AbortSignal | undefined) => Promise<T>,
  check: (value: T) => WaiterState,
  options: WaiterOptions = {},
): Promise<T> {
  checkFunction("poll", poll, "(signal) => Promise<value>");
  checkFunction("check", check, '(value) => "success" | "failure" | "retry"');
  checkObject("options", options);
  checkKnownOptions("", options, WAITER_OPTIONS, WAITER_HINTS);
  checkSignal("signal", options.signal);
  if (options.random !== undefined && typeof options.random !== "function")
    throw new InvalidInputError("random", "must be a function returning a number in [0, 1)");
  const { minDelay, maxDelay, maxWait } = waiterTimes(options);
  const random = options.random ?? Math.random;
  // Measured on the monotonic clock, as the timers bounding each poll and sleep are: a step of the
  // wall clock (NTP, a VM resumed) would otherwise end the wait at once, or stretch it by the step.
  const deadline = performance.now() + maxWait;
  let last: { value: T } | undefined;
  for (let polls = 1; ; polls++) {
    if (options.signal?.aborted) throw aborted(what, polls - 1, options.signal.reason);
    // Each poll ends at the deadline, or at the caller's signal, whether or not it heeds the signal
    // it is given. A poll after the first needs time left (LinkedSignal takes a timeout of 0 as no
    // limit at all, so at least 1 ms is passed); the first runs even with maxWaitMs 0, and then has
    // no limit of its own.
    const left = deadline - performance.now();
    if (polls > 1 && left <= 0) throw timedOut(what, maxWait, polls - 1, last);
    const bounded = new LinkedSignal([options.signal], maxWait === 0 ? 0 : Math.max(1, left));
    let value: T;
    try {
      value = await untilAborted(poll(bounded.signal), bounded);
    } catch (error) {
      if (options.signal?.aborted) throw aborted(what, polls, options.signal.reason);
      if (bounded.timedOut) throw timedOut(what, maxWait, polls, last, error);
      throw error;
    } finally {
      bounded.release();
    }
    last = { value };
    const state = check(value);
    if (state === "success") return value;
    // Anything else would be taken as "retry" and wait out maxWaitMs (a check that forgot to return).
    if (state !== "failure" && state !== "retry")
      throw new InvalidInputError("check", `returned ${String(state)}; must return "success", "failure" or "retry"`);
    if (state === "failure")
      throw new FunctionGraphError(`${what} reached a failure state after ${polls} poll(s)`, {
        status: 0,
        code: "WaiterFailure",
        attempts: polls,
        response: { status: 0, headers: {}, data: value },
      });
    const ceiling = Math.min(maxDelay, minDelay * 2 ** (polls - 1));
    const share = random();
    // NaN or a value out of range would poll without pause.
    if (!(share >= 0 && share < 1)) throw new InvalidInputError("random", "must be a function returning a number in [0, 1)");
    // The last sleep is cut to end at the deadline; a poll needs time left to start (one at or past
    // the deadline, after a late timer say, could not be bounded by it).
    const wanted = minDelay + share * (ceiling - minDelay);
    const untilDeadline = deadline - performance.now();
    const delay = Math.min(wanted, untilDeadline);
    if (delay <= 0) throw timedOut(what, maxWait, polls, last);
    try {
      await sleep(delay, options.signal);
    } catch (reason) {
      throw aborted(what, polls, reason);
    }
    // A sleep cut to the deadline ends the wait there, even when its timer fired a millisecond early
    // (as timers may): a poll given the one millisecond left could not finish.
    if (wanted >= untilDeadline) throw timedOut(what, maxWait, polls, last);
  }
}

/** WaiterTimeout, with the last answer a poll brought (if any) and what cut the running poll short. */
function timedOut(what: string, maxWait: number, polls: number, last: { value: unknown } | undefined, cause?: unknown) {
  return new FunctionGraphError(`${what} did not finish within ${maxWait} ms (${polls} poll(s))`, {
    status: 0,
    code: "WaiterTimeout",
    attempts: polls,
    ...(last ? { response: { status: 0, headers: {}, data: last.value } } : {}),
    ...(cause !== undefined ? { cause } : {}),
  });
}

function aborted(what: string, polls: number, cause: unknown): FunctionGraphError {
  return new FunctionGraphError(`${what}: wait aborted by the caller`, { status: 0, code: "Aborted", attempts: polls, cause });
}

/** The waiter's delays with their defaults; NaN or a negative value would poll without pause or for ever. */
function waiterTimes(options: WaiterOptions): { minDelay: number; maxDelay: number; maxWait: number } {
  const minDelay = checkMilliseconds("minDelayMs", options.minDelayMs, 1000);
  // Each delay doubles the one before: from 0 they would all be 0, polling the API without a pause.
  if (minDelay === 0) throw new InvalidInputError("minDelayMs", "must be more than 0 ms: each delay doubles the one before");
  const maxDelay = Math.max(minDelay, checkMilliseconds("maxDelayMs", options.maxDelayMs, 30_000));
  return { minDelay, maxDelay, maxWait: checkMilliseconds("maxWaitMs", options.maxWaitMs, 5 * 60_000) };
}
