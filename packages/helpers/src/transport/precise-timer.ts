// One setTimeout per timeout: the timer of browsers, Deno, Bun and workers, and Node's for short
// timeouts (coarse-timer.ts shares one ticker among the long ones).
import { setLongTimeout } from "./long-timeout.js";

/** Runs `fire` once, about `ms` from now, unless the returned function is called first. */
export type StartTimer = (ms: number, fire: () => void) => () => void;

// Like AbortSignal.timeout's, a timeout alone does not keep the process alive (Node, Deno).
export const preciseTimer: StartTimer = (ms, fire) => setLongTimeout(fire, ms, true);
