import { defaultMaxListeners, getMaxListeners, setMaxListeners } from "node:events";

/**
 * Node warns of a leak past 10 listeners on one EventTarget. An app-wide signal given to many
 * concurrent calls holds one listener per call (each removed when its call ends), so the limit is
 * raised as Node's own fetch raises it, unless the application set one.
 */
export function allowManyAbortListeners(signal: AbortSignal): void {
  try {
    if (getMaxListeners(signal) === defaultMaxListeners) setMaxListeners(1500, signal);
  } catch {
    // A signal from a polyfill that is no EventTarget: Node keeps no count for it.
  }
}
