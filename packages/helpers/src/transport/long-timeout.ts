// Timers hold a delay in a signed 32-bit number: beyond 2^31 - 1 ms (about 24.8 days) browsers, Deno,
// Bun and Node fire at once instead. A timeout or a wait of a month ("no limit" to its caller) must
// not end at once, so a longer delay is waited out in steps.

export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Runs `fire` once, `ms` from now (any length), unless the returned function is called first. With
 * `unref`, the timer alone does not keep a Node or Deno process alive.
 */
export function setLongTimeout(fire: () => void, ms: number, unref = false): () => void {
  let timer: ReturnType<typeof setTimeout>;
  const arm = (left: number) => {
    timer = left > MAX_TIMER_MS ? setTimeout(() => arm(left - MAX_TIMER_MS), MAX_TIMER_MS) : setTimeout(fire, left);
    if (unref) (timer as { unref?: () => void }).unref?.();
  };
  arm(ms);
  return () => clearTimeout(timer);
}
