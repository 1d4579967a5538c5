// A fetch over node:http and node:https with keep-alive agents: the default transport on Node (the
// package's `#platform` import), where the global fetch (undici) costs several times more per call.
// Two entry points over one connection pool: the fetch seam (a Request in, a streamed Response out),
// and a direct one (see direct.ts) for fgkit's own retry and signing layers.
/// <reference types="node" />
import type { Agent, ClientRequest, IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { type AttemptAbort, type DirectFetch, type DirectRequest, type DirectResponse, withDirect } from "./direct.js";
import { knownBody } from "./known-body.js";
import { rawHeaderValue } from "./raw-headers.js";

// Node's modules are loaded at the first request that needs them (https and zlib maybe never), not
// at import, which would add several ms to a cold start.
const builtin = <ID extends "node:http" | "node:https" | "node:zlib">(id: ID) => process.getBuiltinModule(id);

/** A fetch-shaped transport over its own keep-alive connection pools (one for http:, one for https:). */
export function createNodeFetch(): DirectFetch {
  // One pool per scheme (with its module), made at its first request. LIFO reuses the warmest socket.
  type Pool = { http: typeof import("node:http") | typeof import("node:https"); agent: Agent };
  const pools: { "http:"?: Pool; "https:"?: Pool } = {};
  const start = (request: DirectRequest): ClientRequest => {
    const { url, body } = request;
    const scheme = url.protocol;
    if (scheme !== "https:" && scheme !== "http:") throw new TypeError(`fetch failed: unsupported protocol ${scheme}`);
    let pool = pools[scheme];
    if (!pool) {
      const http = builtin(scheme === "https:" ? "node:https" : "node:http");
      pool = { http, agent: new http.Agent({ keepAlive: true, scheduling: "lifo" }) };
      pools[scheme] = pool;
    }
    const { http, agent } = pool;
    // Raw name/value pairs: Node validates and writes them as given, without its per-header bookkeeping.
    const headers: string[] = [];
    for (const name in request.headers)
      if (name !== "host" && name !== "content-length") headers.push(name, request.headers[name] as string);
    // The host that was signed, exactly (Node would build its own from hostname and port).
    headers.push("host", url.host);
    if (request.headers["accept-encoding"] === undefined) headers.push("accept-encoding", "gzip, deflate, br");
    // As fetch does: a body's length, and 0 for a POST or PUT without one.
    if (body !== null || request.method === "POST" || request.method === "PUT")
      headers.push("content-length", String(body?.byteLength ?? 0));
    const outgoing = http.request({
      hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port,
      path: `${url.pathname}${url.search}`,
      method: request.method,
      headers,
      agent,
    });
    outgoing.end(body ?? undefined);
    return outgoing;
  };

  const fetch = async (request: Request): Promise<Response> => {
    const signal = request.signal;
    signal.throwIfAborted();
    let body = knownBody(request);
    if (body === undefined) body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
    const headers: Record<string, string> = {};
    for (const [name, value] of request.headers) headers[name] = value;
    const outgoing = start({ method: request.method, url: new URL(request.url), headers, body });
    return new Promise<Response>((resolve, reject) => {
      let incoming: IncomingMessage | undefined;
      // Before the answer the request fails with the signal's reason; after it, the body stream does.
      const onAbort = () => (incoming ?? outgoing).destroy(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      outgoing.once("close", () => signal.removeEventListener("abort", onAbort));
      outgoing.on("error", (error) => reject(error === signal.reason ? error : fetchFailed(error)));
      outgoing.once("response", (answer) => {
        incoming = answer;
        answer.on("error", ignore); // errors reach the body stream; never let one go unhandled
        try {
          resolve(streamedResponse(answer, request, signal));
        } catch (error) {
          answer.destroy();
          reject(error);
        }
      });
    });
  };

  // Reads the whole answer (up to maxBytes) before resolving: no stream, no Response.
  const direct = (request: DirectRequest, abort: AttemptAbort, maxBytes: number) =>
    new Promise<DirectResponse>((resolve, reject) => {
      if (abort.aborted) return reject(abort.reason);
      const outgoing = start(request);
      let incoming: IncomingMessage | undefined;
      abort.onAbort(() => {
        reject(abort.reason);
        (incoming ?? outgoing).destroy();
      });
      outgoing.on("error", (error) => reject(fetchFailed(error)));
      outgoing.once("response", (answer) => {
        incoming = answer;
        answer.on("error", ignore); // handled below through `source`; never let one go unhandled
        const status = answer.statusCode ?? 0;
        let settled = false;
        const finish = (chunks: Buffer[], size: number, tooLarge: boolean) => {
          if (settled) return;
          settled = true;
          const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size);
          resolve({ status, statusText: answer.statusMessage ?? "", rawHeaders: answer.rawHeaders, body, tooLarge });
        };
        if (request.method === "HEAD" || NULL_BODY_STATUSES.has(status)) {
          answer.resume();
          return finish([], 0, false);
        }
        // Too large: stop reading at once and let the connection go (as readBody cancels a stream).
        const tooLarge = () => {
          finish([], 0, true);
          answer.destroy();
        };
        // From the raw list: reading `answer.headers` would make Node build its header object.
        const raw = answer.rawHeaders;
        if (Number(rawHeaderValue(raw, "content-length")) > maxBytes) return tooLarge();
        const source = decoded(answer, rawHeaderValue(raw, "content-encoding") ?? undefined);
        const chunks: Buffer[] = [];
        let size = 0;
        source.on("data", (chunk: Buffer) => {
          size += chunk.byteLength;
          if (size > maxBytes) tooLarge();
          else chunks.push(chunk);
        });
        source.on("error", (error) => reject(terminated(error)));
        source.once("end", () => finish(chunks, size, false));
      });
    });

  return withDirect(fetch, direct);
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
const ignore = () => {};

// Failures shaped as Node's fetch (undici) shapes them, so callers and the retry classifier see the
// same errors whichever transport ran: a request that failed, or a body cut short, with the system
// error (ECONNRESET, ECONNREFUSED, ...) as the cause.
const fetchFailed = (cause: unknown) => new TypeError("fetch failed", { cause });
const terminated = (cause: unknown) => new TypeError("terminated", { cause });

function streamedResponse(incoming: IncomingMessage, request: Request, signal: AbortSignal): Response {
  const status = incoming.statusCode ?? 0;
  const headers = new Headers();
  const raw = incoming.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  let body: ReadableStream<Uint8Array> | null = null;
  if (request.method === "HEAD" || NULL_BODY_STATUSES.has(status)) incoming.resume();
  else body = webStream(decoded(incoming, headers.get("content-encoding") ?? undefined), signal);
  return new Response(body, { status, statusText: incoming.statusMessage ?? "", headers });
}

/** The body as fetch hands it over: decompressed when the server compressed it (headers kept as sent). */
function decoded(incoming: IncomingMessage, encoding: string | undefined): Readable {
  const coding = encoding?.trim().toLowerCase();
  if (coding !== "gzip" && coding !== "x-gzip" && coding !== "deflate" && coding !== "br") return incoming;
  const zlib = builtin("node:zlib");
  const decoder =
    coding === "br" ? zlib.createBrotliDecompress() : coding === "deflate" ? zlib.createInflate() : zlib.createGunzip();
  incoming.on("error", (error) => decoder.destroy(error));
  return incoming.pipe(decoder);
}

/** A web ReadableStream over a Node stream, with backpressure; it fails as fetch's body does. */
function webStream(source: Readable, signal: AbortSignal): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        let open = true;
        source.on("data", (chunk: Buffer) => {
          controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
          if ((controller.desiredSize ?? 1) <= 0) source.pause();
        });
        source.once("end", () => {
          if (open) controller.close();
          open = false;
        });
        source.on("error", (error) => {
          if (open) controller.error(error === signal.reason ? error : terminated(error));
          open = false;
        });
      },
      pull() {
        source.resume();
      },
      cancel() {
        source.destroy();
      },
    },
    { highWaterMark: 16 },
  );
}
