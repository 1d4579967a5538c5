// What Node gets through the package's `#platform` import (browsers, Deno, Bun and workers get
// platform-web.ts): the keep-alive node:http transport as the default, and the direct path that
// fgkit's own layers take over it, none of which a browser bundle needs to carry.
import { createNodeFetch } from "./node-fetch.js";
import type { FetchLike } from "./types.js";

export const platformFetch: FetchLike = createNodeFetch();
export { attemptDirect, isDraftRequest, readParts } from "../retry/attempt-direct.js";
export { newBufferedResponse } from "./buffered-response.js";
export { startTimer } from "./coarse-timer.js";
export { directOf, withDirect } from "./direct.js";
export { DraftRequest as DraftRequestClass } from "./draft-request.js";
export { authDirect } from "./with-auth-direct.js";
