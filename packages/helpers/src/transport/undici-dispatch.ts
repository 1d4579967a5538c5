// Node only (reached through the package's `#platform` import): the direct transport over the
// dispatcher Node's own fetch uses (undici's global Agent, a keep-alive connection pool). Its
// dispatch() API skips fetch's Request, Response and stream layers, and costs less per call than
// node:http itself. Because it is the global dispatcher, whatever the application installed with
// undici's setGlobalDispatcher (a proxy agent, a MockAgent in tests) applies to fgkit's calls too,
// as it does to fetch's; a call given a dispatcher of its own goes through that one instead.
/// <reference types="node" />
import type { AttemptAbort, DirectRequest, DirectResponse } from "./direct.js";
import { putHeader } from "./header-record.js";
import { builtinNow } from "./node-builtin.js";
import { markNotSent, NotSent } from "./not-sent.js";
import { rawHeaderValue } from "./raw-headers.js";
import { ENCODING_SLACK, nullBodyStatus } from "./read-body.js";
import { nodeFetchInPlace, sendThroughGlobalFetch } from "./replaced-fetch.js";
import { NODE_USER_AGENT } from "./user-agent.js";

// The key undici (Node's copy and the npm package alike) keeps its global dispatcher under.
const GLOBAL_DISPATCHER = Symbol.for("undici.globalDispatcher.1");

interface DispatchOptions {
  origin: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body: Uint8Array | null;
  headersTimeout: number;
  bodyTimeout: number;
  maxRedirections: 0;
}

interface Dispatcher {
  dispatch(options: DispatchOptions, handler: object): boolean;
}

/** The dispatcher fetch would use now (looked up at each call, so one installed later is used). */
function globalDispatcher(): Dispatcher | undefined {
  const global = globalThis as unknown as Record<symbol, Dispatcher | undefined>;
  // Node loads its undici, which installs the global Agent, the first time a fetch global is read.
  if (global[GLOBAL_DISPATCHER] === undefined) void globalThis.Response;
  const dispatcher = global[GLOBAL_DISPATCHER];
  return typeof dispatcher?.dispatch === "function" ? dispatcher : undefined;
}

/** Sends one request and reads its whole answer (or stops once it is over `maxBytes`: `tooLarge`). */
export function dispatchDirect(request: DirectRequest, abort: AttemptAbort, maxBytes: number): Promise<DirectResponse> {
  // A global fetch the application put in place of Node's (a test double, MSW, nock) gets the call.
  if (!nodeFetchInPlace()) return sendThroughGlobalFetch(request, abort, maxBytes);
  // A call's own Dispatcher (checked by the client), else the global one, as fetch chooses.
  const dispatcher = (request.dispatcher as Dispatcher | undefined) ?? globalDispatcher();
  // None where the global object is not Node's own: Jest runs each test file in a node:vm context,
  // whose global has Node's fetch copied onto it but not the dispatcher undici keeps on the real one.
  if (!dispatcher) return sendThroughGlobalFetch(request, abort, maxBytes);
  return new Promise<DirectResponse>((resolve, reject) => {
    if (abort.aborted) return reject(abort.reason);
    const { url } = request;
    const headers: Record<string, string> = {};
    // undici sets Content-Length from the body (and 0 for a POST or PUT without one), as fetch does.
    for (const name in request.headers)
      if (name !== "host" && name !== "content-length") putHeader(headers, name, request.headers[name] as string);
    // The host that was signed, exactly.
    headers.host = url.host;
    // As fetch does: ask for a compressed answer (decompressed below).
    if (headers["accept-encoding"] === undefined) headers["accept-encoding"] = "gzip, deflate, br";
    // Added after signing, so never signed (as the official SDK's); a User-Agent of the caller's own is kept.
    if (headers["user-agent"] === undefined) headers["user-agent"] = NODE_USER_AGENT;
    const answer = new AnswerReader(request.method, maxBytes, abort, resolve, reject);
    try {
      dispatcher.dispatch(
        {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: request.method,
          headers,
          body: request.body,
          // The attempt's own timeout (or the caller's "none") is the limit: Node's global Agent would
          // otherwise give up after 300 s without an answer or a body chunk, below an invoke's 930 s.
          headersTimeout: 0,
          bodyTimeout: 0,
          // A redirect is an answer, never followed, as fetch asks of the dispatcher too: a global
          // dispatcher composed with undici's redirect interceptor (or an Agent given maxRedirections)
          // would otherwise carry X-Auth-Token or X-Security-Token to wherever the redirect points.
          maxRedirections: 0,
        },
        answer,
      );
      answer.dispatched = true;
    } catch (error) {
      answer.onError(error);
    }
  });
}

type Cancel = (reason?: unknown) => void;

/**
 * A dispatch handler that buffers the answer. It speaks both of undici's handler interfaces: the
 * original one (onConnect, onHeaders, onData, onComplete, onError; Node 20 and 22 bundle undici 6),
 * and the one undici 7 introduced (onRequestStart, onResponseStart, ...), which undici 7 and later
 * prefer when a handler has it.
 */
class AnswerReader {
  #status = 0;
  #statusText = "";
  #rawHeaders: string[] = [];
  // The body is copied out of undici's socket buffers as it comes (a view would keep a whole socket
  // read alive): into one buffer of the declared length, or chunk by chunk when none was declared.
  #body: Buffer | undefined;
  #chunks: Buffer[] = [];
  #size = 0;
  /** How to decode the answer's body (its content codings, last applied first), once it has started. */
  #decoders: readonly Decoder[] | undefined;
  #settled = false;
  /** Whether undici has begun to write the request (onConnect came). */
  #written = false;
  /**
   * Whether dispatch() has returned: a failure before then is a dispatcher's own answer (a MockAgent's
   * replyWithError, a closed agent), not a connection's, and says nothing of what was written.
   */
  dispatched = false;
  #cancel: Cancel | undefined;
  readonly #method: string;
  readonly #maxBytes: number;
  readonly #abort: AttemptAbort;
  readonly #resolve: (answer: DirectResponse) => void;
  readonly #reject: (error: unknown) => void;

  constructor(
    method: string,
    maxBytes: number,
    abort: AttemptAbort,
    resolve: (answer: DirectResponse) => void,
    reject: (error: unknown) => void,
  ) {
    this.#method = method;
    this.#maxBytes = maxBytes;
    this.#abort = abort;
    this.#resolve = resolve;
    this.#reject = reject;
    // The attempt's end (its timeout or the caller's signal) rejects at once and cancels the request;
    // before onConnect, the request was not written: no connection was ready in time.
    abort.onAbort(() => {
      this.#fail(this.#written ? abort.reason : new NotSent("no connection was ready", { cause: abort.reason }));
      this.#cancel?.(abort.reason);
    });
  }

  // --- undici's original handler interface -------------------------------------------------

  // Called as the request is about to be written to a connected socket.
  onConnect(cancel: Cancel): void {
    this.#written = true;
    this.#cancel = cancel;
    if (this.#settled) cancel(this.#abort.reason);
  }

  onHeaders(status: number, rawHeaders: Buffer[], _resume: () => void, statusText?: string): boolean {
    const raw: string[] = new Array(rawHeaders.length);
    for (let i = 0; i < rawHeaders.length; i++) raw[i] = (rawHeaders[i] as Buffer).toString("latin1");
    this.#start(status, raw, statusText ?? "");
    return true;
  }

  onData(chunk: Buffer): boolean {
    this.#data(chunk);
    return true;
  }

  onComplete(): void {
    this.#end();
  }

  onError(error: unknown): void {
    if (this.#abort.aborted) {
      this.#fail(this.#abort.reason);
      return;
    }
    // Before the answer the request failed; after it, the body was cut short (fetch's two messages).
    if (this.#status !== 0) this.#fail(terminated(error));
    // A connection that failed before onConnect had nothing of the request written (a TLS handshake
    // the server reset, a proxy that refused the tunnel): withRetry may send it again whatever the
    // method, as it does a refused connect.
    else if (this.#written || !this.dispatched) this.#fail(fetchFailed(error));
    else this.#fail(markNotSent(fetchFailed(error)));
  }

  // --- the interface undici 7 introduced ----------------------------------------------------

  onRequestStart(controller: { abort(reason: unknown): void }): void {
    this.onConnect((reason) => controller.abort(reason));
  }

  onResponseStart(_controller: unknown, status: number, headers: Record<string, string | string[]>, statusText?: string) {
    const raw: string[] = [];
    for (const name in headers) {
      const value = headers[name];
      if (Array.isArray(value)) for (const each of value) raw.push(name, each);
      else if (value !== undefined) raw.push(name, value);
    }
    this.#start(status, raw, statusText ?? "");
  }

  onResponseData(_controller: unknown, chunk: Buffer): void {
    this.#data(chunk);
  }

  onResponseEnd(): void {
    this.#end();
  }

  onResponseError(_controller: unknown, error: unknown): void {
    this.onError(error);
  }

  // --- shared ----------------------------------------------------------------------------------

  #start(status: number, raw: string[], statusText: string): void {
    if (status < 200) return; // an informational answer; the final one follows
    this.#status = status;
    this.#statusText = statusText;
    this.#rawHeaders = raw;
    // A HEAD answer and a 204, 205 or 304 have no body: they are complete with their headers, as fetch
    // answers them. Their Content-Length (a HEAD's or 304's is that of the body a GET would get) is no
    // reason to refuse or allocate, and what undici makes of the rest (it fails a 304 whose length is
    // not 0; a 205 may send bytes) is no concern of the answer, as it is none of fetch's.
    if (this.#method === "HEAD" || nullBodyStatus(status)) {
      this.#finish(EMPTY, false);
      return;
    }
    // The codings fetch would decode (any other body is kept as sent).
    const encoding = rawHeaderValue(raw, "content-encoding");
    if (encoding !== null) {
      const decoders = decodersOf(encoding);
      if (decoders instanceof Error) {
        this.#fail(fetchFailed(decoders));
        this.#cancel?.(decoders);
        return;
      }
      this.#decoders = decoders;
    }
    const declared = Number(rawHeaderValue(raw, "content-length") ?? Number.NaN);
    // A compressed body is held to the limit with the same room as below: its declared length is the
    // compressed one, which for incompressible data is a little over the decoded length.
    if (declared > this.#maxBytes + (this.#decoders ? ENCODING_SLACK : 0)) this.#tooLarge();
    else if (Number.isSafeInteger(declared) && declared > 0) this.#body = Buffer.allocUnsafe(declared);
  }

  #data(chunk: Buffer): void {
    if (this.#settled) return;
    const at = this.#size;
    this.#size += chunk.byteLength;
    // A compressed body is held to the limit too (with room for gzip's framing of incompressible data).
    const body = this.#body;
    if (this.#size > this.#maxBytes + (this.#decoders ? ENCODING_SLACK : 0)) this.#tooLarge();
    else if (body !== undefined && this.#size <= body.byteLength) chunk.copy(body, at);
    else {
      // More than was declared (undici fails such an answer) or no length: keep copies of the chunks.
      if (body !== undefined) this.#chunks.push(body.subarray(0, at));
      this.#body = undefined;
      this.#chunks.push(Buffer.from(chunk));
    }
  }

  #end(): void {
    if (this.#settled) return;
    const chunks = this.#chunks;
    const body =
      this.#body !== undefined
        ? this.#body.subarray(0, this.#size)
        : chunks.length === 1
          ? (chunks[0] as Buffer)
          : Buffer.concat(chunks, this.#size);
    const decoders = this.#decoders;
    if (decoders === undefined || body.byteLength === 0) {
      this.#finish(body, false);
      return;
    }
    decompress(decoders, body, this.#maxBytes).then(
      (decoded) => this.#finish(decoded ?? EMPTY, decoded === undefined),
      (error) => this.#fail(terminated(error)),
    );
  }

  // Too large: stop reading at once and let the connection go (as readBody cancels a stream).
  #tooLarge(): void {
    this.#finish(EMPTY, true);
    this.#cancel?.(new RangeError("response body over maxBytes"));
  }

  #finish(body: Uint8Array, tooLarge: boolean): void {
    if (this.#settle())
      this.#resolve({ status: this.#status, statusText: this.#statusText, rawHeaders: this.#rawHeaders, body, tooLarge });
  }

  #fail(error: unknown): void {
    if (this.#settle()) this.#reject(error);
  }

  /** Marks the answer settled and lets its buffers go; false when it was settled already. */
  #settle(): boolean {
    if (this.#settled) return false;
    this.#settled = true;
    this.#chunks = [];
    this.#body = undefined;
    return true;
  }
}

const EMPTY = new Uint8Array(0);

type Decoder = "gunzip" | "inflate" | "brotliDecompress";

// The codings fetch decodes (a Map: a coding named "constructor" is no Object property here).
const DECODERS = new Map<string, readonly Decoder[]>([
  ["gzip", ["gunzip"]],
  ["x-gzip", ["gunzip"]],
  ["deflate", ["inflate"]],
  ["br", ["brotliDecompress"]],
]);
// fetch refuses a longer stack of codings (undici's guard against decompression exhaustion).
const MAX_CODINGS = 5;

/**
 * The decoders for a Content-Encoding value, last coding first, as fetch reads it: a stack ("gzip,
 * br", or one coding per header line) is undone in turn, and a stack with any coding fetch does not
 * know ("identity" too) is kept as sent. An Error when the stack is longer than fetch allows.
 */
function decodersOf(encoding: string): readonly Decoder[] | undefined | Error {
  const lower = encoding.toLowerCase();
  const one = DECODERS.get(lower);
  if (one !== undefined || !lower.includes(",")) return one;
  const codings = lower.split(",");
  if (codings.length > MAX_CODINGS)
    return new Error(`too many content-encodings in response: ${codings.length}, maximum allowed is ${MAX_CODINGS}`);
  const decoders: Decoder[] = [];
  for (let i = codings.length - 1; i >= 0; i--) {
    const decoder = DECODERS.get((codings[i] as string).trim());
    if (decoder === undefined) return undefined;
    decoders.push(decoder[0] as Decoder);
  }
  return decoders;
}

/** The decoded body, or undefined when it (or a step of it) would be over `maxBytes`. */
async function decompress(decoders: readonly Decoder[], body: Buffer, maxBytes: number): Promise<Buffer | undefined> {
  let bytes: Buffer | undefined = body;
  for (const decoder of decoders) {
    if (bytes === undefined || bytes.byteLength === 0) return bytes;
    bytes = await decodeOnce(decoder, bytes, maxBytes);
  }
  return bytes;
}

// import() only in the ESM build on a Node before 20.16 (FunctionGraph's Node.js 18.15 and 20.15
// runtimes): see node-builtin.ts.
const loadZlib = (): typeof import("node:zlib") | Promise<typeof import("node:zlib")> =>
  builtinNow("node:zlib") ?? import("node:zlib");

async function decodeOnce(decoder: Decoder, body: Buffer, maxBytes: number): Promise<Buffer | undefined> {
  const zlib = await loadZlib();
  // "deflate" sent without its zlib wrapper (raw deflate, as some servers do) is decoded too, as
  // fetch and browsers decode it: a zlib stream's first byte says method 8 in its low bits.
  const name = decoder === "inflate" && ((body[0] as number) & 0x0f) !== 0x08 ? "inflateRaw" : decoder;
  const decode = zlib[name] as (
    input: Buffer,
    options: { maxOutputLength: number },
    done: (error: Error | null, decoded: Buffer) => void,
  ) => void;
  return new Promise((resolve, reject) =>
    decode(body, { maxOutputLength: maxBytes }, (error, decoded) => {
      if (!error) resolve(decoded);
      else if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") resolve(undefined);
      else reject(error);
    }),
  );
}

// Failures shaped as Node's fetch (undici) shapes them, so callers and the retry classifier see the
// same errors whichever way a call went: a request that failed, or a body cut short, with the cause
// (ECONNREFUSED, UND_ERR_SOCKET, ...) kept.
const fetchFailed = (cause: unknown) => new TypeError("fetch failed", { cause });
const terminated = (cause: unknown) => new TypeError("terminated", { cause });
