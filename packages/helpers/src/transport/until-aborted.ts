// Bounds a wait that fgkit does not control (a credentials provider, a refresh, a custom fetch to a
// credentials service, a waiter's poll) by its end: a timeout, a deadline or the caller's signal. A
// promise that never settles must not hold a call past them.
import { allowManyAbortListeners } from "#platform";
import type { AttemptAbort } from "./direct.js";
import { NotSent } from "./not-sent.js";

/**
 * `pending`'s value, unless `signal` aborts first: then a rejection with its reason (or with what
 * `aborted` makes of that reason).
 */
export function untilAborted<T>(
  pending: T | PromiseLike<T>,
  signal: AbortSignal | AttemptAbort | undefined,
  aborted: (reason: unknown) => unknown = (reason) => reason,
): Promise<T> {
  if (!signal || !isPromiseLike(pending)) return Promise.resolve(pending);
  if (signal.aborted) {
    // Nobody waits for `pending` now: its later failure must not surface as an unhandled rejection.
    pending.then(undefined, () => {});
    return Promise.reject(aborted(signal.reason));
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted(signal.reason));
    if ("onAbort" in signal) {
      // An attempt's LinkedSignal forgets its listeners when the attempt ends.
      signal.onAbort(onAbort);
      pending.then(resolve, reject);
      return;
    }
    allowManyAbortListeners(signal);
    signal.addEventListener("abort", onAbort, { once: true });
    pending.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

const isPromiseLike = <T>(value: T | PromiseLike<T>): value is PromiseLike<T> =>
  typeof (value as { then?: unknown } | null)?.then === "function";

/**
 * untilAborted for an attempt's credentials: an attempt that ends while they are awaited sent
 * nothing, and says so (NotSent), so that withRetry may send it again whatever the method.
 */
export function credentialsUntilAborted<T>(
  pending: T | PromiseLike<T>,
  signal: AbortSignal | AttemptAbort | undefined,
): Promise<T> {
  return untilAborted(pending, signal, noCredentials);
}

const noCredentials = (reason: unknown) => new NotSent("no credentials came", { cause: reason });
