// What Node gets through the package's `#platform` import (browsers, Deno, Bun and workers get
// platform-web.ts): Node's fetch for Requests, with a direct entry point beside it over the same
// connection pool (undici-dispatch.ts) that fgkit's own layers take, none of which a browser bundle
// needs to carry.
import { withDirect } from "./direct.js";
import type { FetchLike } from "./types.js";
import { dispatchDirect } from "./undici-dispatch.js";

const globalFetch: FetchLike = (request) => globalThis.fetch(request);

// Deno's and Bun's Node compatibility can resolve this build too (Deno's require() does), but has no
// undici dispatcher under its fetch: there the fetch alone serves, as a transport of the caller's would.
const versions = process.versions as Partial<Record<string, string>>;
const nodeItself = versions.deno === undefined && versions.bun === undefined;

/** The global fetch, looked up at each call (a test double installed later is used), plus the direct path on Node. */
export const platformFetch: FetchLike = nodeItself ? withDirect(globalFetch, dispatchDirect) : globalFetch;
export { attemptDirect, isDraftRequest, readParts } from "../retry/attempt-direct.js";
export { allowManyAbortListeners } from "./abort-listeners.js";
export { newBufferedResponse } from "./buffered-response.js";
export { startTimer } from "./coarse-timer.js";
export { directOf, withDirect } from "./direct.js";
export { DraftRequest as DraftRequestClass } from "./draft-request.js";
export { authDirect } from "./with-auth-direct.js";
