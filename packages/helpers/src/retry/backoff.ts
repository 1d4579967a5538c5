import { allowManyAbortListeners } from "#platform";
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { setLongTimeout } from "../transport/long-timeout.js";

/** Full jitter (AWS "standard" mode): a random delay in [0, min(cap, base * 2^retry)). */
export function fullJitterDelay(retry: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const share = random();
  // A share outside [0, 1) (a random option returning 100, say) would wait up to years, or not at all.
  if (!(share >= 0 && share < 1))
    throw new InvalidInputError("random", `must return a number in [0, 1), returned ${String(share)}`);
  return Math.floor(share * Math.min(capMs, baseMs * 2 ** retry));
}

/** A Retry-After value (seconds or an HTTP date) in milliseconds, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return signal?.aborted ? Promise.reject(signal.reason) : Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      cancel();
      reject(signal?.reason);
    };
    const cancel = setLongTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal) allowManyAbortListeners(signal);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
