// What browsers, Deno, Bun and workers get through the package's `#platform` import (Node gets
// platform-node.ts): the platform's own fetch, and none of the Node-only direct path.
import type * as Node from "./platform-node.js";
import type { FetchLike } from "./types.js";

/** The platform's fetch, looked up at each call so that one installed later (a polyfill, a test double) is used. */
export const platformFetch: FetchLike = (request) => globalThis.fetch(request);

// No transport here has a direct entry point, so the direct path is never taken.
const unreachable = (): never => {
  throw new Error("fgkit: the direct transport path is Node-only");
};
export const directOf: typeof Node.directOf = () => undefined;
export const withDirect: typeof Node.withDirect = unreachable;
export const authDirect: typeof Node.authDirect = unreachable;
export const attemptDirect: typeof Node.attemptDirect = unreachable;
export const readParts: typeof Node.readParts = unreachable;
export const isDraftRequest: typeof Node.isDraftRequest = (_value): _value is never => false;
export const DraftRequestClass: typeof Node.DraftRequestClass | undefined = undefined;

/** An ordinary Response over the bytes; json() can be answered from JSON parsed already. */
export const newBufferedResponse: typeof Node.newBufferedResponse = (bytes, init) =>
  Object.assign(new Response(bytes as Uint8Array<ArrayBuffer> | null, init), {
    answerJsonWith(this: Response, json: () => Promise<unknown>) {
      Object.defineProperty(this, "json", { value: json });
    },
  });

// Only Node warns of many listeners on one signal.
export const allowManyAbortListeners: typeof Node.allowManyAbortListeners = () => {};

// A plain timer: the coarse shared one is for Node's sequential hot path (see coarse-timer.ts).
export { preciseTimer as startTimer } from "./precise-timer.js";
