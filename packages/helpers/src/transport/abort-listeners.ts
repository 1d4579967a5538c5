import nodeEvents from "node:events";

// Read from the module's default export (EventEmitter, which carries these functions) rather than
// imported by name: Node before 18.17 (FunctionGraph's Node.js 18.15 runtime) has no getMaxListeners,
// and a named import of it would fail to load the package. Not from the namespace either: a bundler
// that wraps Node's module for an ESM bundle (ncc, webpack's createRequire externals) gives a
// namespace that holds only `default`, and the limit would never be raised.
const events = nodeEvents as unknown as {
  defaultMaxListeners: number;
  getMaxListeners?: (target: EventTarget) => number;
  getEventListeners: (target: EventTarget, type: string) => unknown[];
  setMaxListeners: (n: number, target: EventTarget) => void;
};

/**
 * Node warns of a leak past 10 listeners on one EventTarget. An app-wide signal given to many
 * concurrent calls holds one listener per call (each removed when its call ends), so the limit is
 * raised as Node's own fetch raises it, unless the application set one. Where Node cannot tell
 * (before 18.17), it is raised once the signal holds that many listeners, as undici did there.
 */
export function allowManyAbortListeners(signal: AbortSignal): void {
  try {
    if (typeof events.getMaxListeners === "function") {
      if (events.getMaxListeners(signal) === events.defaultMaxListeners) events.setMaxListeners(1500, signal);
    } else if (events.getEventListeners(signal, "abort").length >= events.defaultMaxListeners) {
      events.setMaxListeners(1500, signal);
    }
  } catch {
    // A signal from a polyfill that is no EventTarget: Node keeps no count for it.
  }
}
