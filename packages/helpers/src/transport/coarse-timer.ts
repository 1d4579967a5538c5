// Node only (the package's `#platform` import): the timers behind attempt timeouts and deadlines.
// Nearly every attempt ends long before its timeout (60 s by default), so its timer is set and
// cleared again within a call; with Node's timers that is a timer list made and dropped and the
// event loop's timer re-armed on every sequential call. Long timeouts instead join one shared,
// unref'd ticker that checks them every RESOLUTION_MS (undici does the same for its own timeouts):
// setting one is a Set insertion, clearing it a deletion. Short timeouts keep a precise setTimeout.
import { preciseTimer, type StartTimer } from "./precise-timer.js";

/** How late a long timeout may fire. */
export const RESOLUTION_MS = 250;
/** Timeouts shorter than this get their own setTimeout: 250 ms late would be a large error for them. */
export const PRECISE_BELOW_MS = 2000;

interface Pending {
  at: number;
  fire: () => void;
}

const pending = new Set<Pending>();
let ticker: ReturnType<typeof setInterval> | undefined;
let idleTicks = 0;

export const startTimer: StartTimer = (ms, fire) => {
  if (ms < PRECISE_BELOW_MS) return preciseTimer(ms, fire);
  const entry = { at: performance.now() + ms, fire };
  pending.add(entry);
  if (ticker === undefined) {
    ticker = setInterval(tick, RESOLUTION_MS);
    ticker.unref();
  }
  return () => {
    pending.delete(entry);
  };
};

function tick(): void {
  // Stopped after a few idle ticks rather than at once, so a run of sequential calls keeps one ticker.
  if (pending.size === 0) {
    if (++idleTicks >= 8) {
      clearInterval(ticker);
      ticker = undefined;
      idleTicks = 0;
    }
    return;
  }
  idleTicks = 0;
  const now = performance.now();
  for (const entry of pending)
    if (entry.at <= now) {
      pending.delete(entry);
      entry.fire();
    }
}

/** How many long timeouts are pending (for tests). */
export const pendingTimers = () => pending.size;
