// Node only: when the application has replaced the global fetch (a test double, MSW's or nock's
// interceptor, a polyfill), fgkit's calls go through that fetch rather than straight to undici's
// dispatcher, so that what the application put in place sees them, as it sees its own fetch calls.
import type { AttemptAbort, DirectRequest, DirectResponse } from "./direct.js";
import { putHeader } from "./header-record.js";
import { readBodyWithin } from "./read-body.js";

// Node's own fetch is a small wrapper that loads Node's copy of undici when first called, and its
// source says so: `lazyUndici()` on Node 18, `internal/deps/undici/undici` from Node 20 on.
const NODE_FETCH_SOURCE = /internal\/deps\/undici\/undici|lazyUndici\(\)/;

let lastSeen: unknown;
let lastSeenIsNodes = false;

/** Whether globalThis.fetch is still Node's own (looked at again only when it changes). */
export function nodeFetchInPlace(): boolean {
  const current = globalThis.fetch;
  if (current !== lastSeen) {
    lastSeen = current;
    lastSeenIsNodes = typeof current === "function" && NODE_FETCH_SOURCE.test(Function.prototype.toString.call(current));
  }
  return lastSeenIsNodes;
}

/** Sends the request through globalThis.fetch and reads its whole answer (or stops once it is over `maxBytes`). */
export async function sendThroughGlobalFetch(
  request: DirectRequest,
  abort: AttemptAbort,
  maxBytes: number,
): Promise<DirectResponse> {
  if (abort.aborted) throw abort.reason;
  const headers: Record<string, string> = {};
  // fetch sets Host and Content-Length itself (the host it sets is the URL's, the one signed).
  for (const name in request.headers)
    if (name !== "host" && name !== "content-length") putHeader(headers, name, request.headers[name] as string);
  const init: RequestInit & { dispatcher?: unknown } = {
    method: request.method,
    headers,
    body: request.body as Uint8Array<ArrayBuffer> | null,
    redirect: "manual",
    signal: abort.signal,
  };
  if (request.dispatcher !== undefined) init.dispatcher = request.dispatcher;
  const response = await globalThis.fetch(request.url, init);
  const rawHeaders: string[] = [];
  for (const [name, value] of response.headers) rawHeaders.push(name, value);
  const body = await readBodyWithin(response, request.method, maxBytes);
  const { status, statusText } = response;
  return { status, statusText, rawHeaders, body: body ?? new Uint8Array(0), tooLarge: body === undefined };
}
