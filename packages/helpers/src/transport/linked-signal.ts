import { allowManyAbortListeners, startTimer } from "#platform";

/**
 * The abort state of one attempt (or one wait): aborted by the first parent signal to abort, or by
 * its timer with a TimeoutError as AbortSignal.timeout would. Cheaper than AbortSignal.timeout +
 * AbortSignal.any, and released as soon as the attempt ends, where AbortSignal.timeout's timer would
 * stay pending for its whole length. The AbortSignal itself is made only when asked for (a fetch
 * Request needs one; the direct Node transport only needs `onAbort`).
 */
export class LinkedSignal {
  aborted = false;
  reason: unknown;
  /** Whether the timer, not a parent, aborted it. */
  timedOut = false;
  #controller: AbortController | undefined;
  #listeners: (() => void)[] | undefined;
  #unlink: (() => void)[] | undefined;
  #cancelTimer: (() => void) | undefined;

  constructor(parents: readonly (AbortSignal | undefined)[], timeoutMs = 0) {
    for (const parent of parents) {
      if (!parent) continue;
      if (parent.aborted) {
        this.abort(parent.reason);
        return;
      }
      const onAbort = () => this.abort(parent.reason);
      allowManyAbortListeners(parent);
      parent.addEventListener("abort", onAbort, { once: true });
      this.#unlink ??= [];
      this.#unlink.push(() => parent.removeEventListener("abort", onAbort));
    }
    if (timeoutMs > 0)
      this.#cancelTimer = startTimer(timeoutMs, () => {
        this.timedOut = true;
        this.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError"));
      });
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.aborted) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  /** Runs `listener` once on abort (at once if already aborted). */
  onAbort(listener: () => void): void {
    if (this.aborted) {
      listener();
      return;
    }
    this.#listeners ??= [];
    this.#listeners.push(listener);
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.#listeners;
    this.release();
    this.#controller?.abort(reason);
    for (const listener of listeners ?? []) listener();
  }

  /** Clears the timer and forgets the parents and listeners (idempotent): nothing can abort it after. */
  release(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    for (const unlink of this.#unlink ?? []) unlink();
    this.#unlink = undefined;
    this.#listeners = undefined;
  }
}
