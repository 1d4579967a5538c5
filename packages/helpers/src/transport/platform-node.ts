// What Node gets through the package's `#platform` import (browsers, Deno, Bun and workers get
// platform-web.ts): Node's fetch for Requests, with a direct entry point beside it over the same
// connection pool (undici-dispatch.ts) that fgkit's own layers take, none of which a browser bundle
// needs to carry.
import { withDirect } from "./direct.js";
import type { FetchLike } from "./types.js";
import { dispatchDirect } from "./undici-dispatch.js";

/**
 * The global fetch, looked up at each call (a test double installed later is used), plus the direct
 * path (which sends through that fetch too where it is not Node's own, or no undici dispatcher is
 * there: Deno's and Bun's Node compatibility, a Jest test file's context).
 */
export const platformFetch: FetchLike = withDirect((request) => globalThis.fetch(request), dispatchDirect);
export { attemptDirect, readParts } from "../retry/attempt-direct.js";
export { allowManyAbortListeners } from "./abort-listeners.js";
export { newBufferedResponse } from "./buffered-response.js";
export { startTimer } from "./coarse-timer.js";
export { directOf, withDirect } from "./direct.js";
export { DraftRequest as DraftRequestClass, isDraftRequest } from "./draft-request.js";
export { authDirect } from "./with-auth-direct.js";
