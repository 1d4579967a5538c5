import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";

/** One request as the server received it. */
export interface Received {
  /** 1 for the first request the server saw, 2 for the next, ... */
  n: number;
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
  /** Milliseconds since the server started. */
  at: number;
}

/** How the server answers one request: write (or not) to `res`, or break the socket. */
export type Step = (res: ServerResponse, request: Received) => void;

/**
 * A loopback HTTP server whose answers are scripted by the test: after `script(...steps)`, the n-th
 * request gets steps[n - 1], and every request after the last step gets the last step again.
 */
export async function startScriptedServer() {
  const requests: Received[] = [];
  let steps: Step[] = [json(200, {})];
  let scriptedAt = 0;
  const started = performance.now();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    for await (const chunk of req) body += chunk;
    const received: Received = {
      n: requests.length + 1,
      method: req.method ?? "GET",
      url: new URL(req.url ?? "/", "http://127.0.0.1"),
      headers: req.headers,
      body,
      at: performance.now() - started,
    };
    requests.push(received);
    const step = steps[Math.min(received.n - scriptedAt, steps.length) - 1] as Step;
    step(res, received);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script(...next: Step[]) {
      steps = next;
      scriptedAt = requests.length;
    },
    /** Closes the server, cutting the connections of answers that hang on purpose. */
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type ScriptedServer = Awaited<ReturnType<typeof startScriptedServer>>;

/** A URL on which nothing listens: a port that was just opened and closed again. */
export async function refusedUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

// ---- Steps -------------------------------------------------------------------------------------

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Step {
  return (res) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };
}

export function text(status: number, body: string, headers: Record<string, string> = {}): Step {
  return (res) => {
    res.writeHead(status, headers);
    res.end(body);
  };
}

/** Drops the connection without any answer (ECONNRESET / "other side closed" on the client). */
export const reset: Step = (res) => {
  res.socket?.destroy();
};

/** Never answers; the connection stays open until the client gives up or the server closes. */
export const hang: Step = () => {};

/** Sends the headers and the start of a JSON body, then stalls with the connection open. */
export const stalledBody: Step = (res) => {
  res.writeHead(200, { "content-type": "application/json" });
  res.write('{"functions":[');
};

/** Raw bytes no HTTP client may accept: Content-Length beside chunked encoding (a request-smuggling shape). */
export const brokenHttp: Step = (res) => {
  res.socket?.end("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
};

/** Declares a longer body than it sends, then closes the connection. */
export function truncated(status = 200): Step {
  return (res) => {
    const part = '{"functions":[{"func_name":"hel';
    res.writeHead(status, { "content-type": "application/json", "content-length": String(part.length + 100) });
    res.write(part, () => res.socket?.destroy());
  };
}

/** A JSON body of about `bytes` bytes, with its Content-Length or chunked (no length announced). */
export function huge(bytes: number, { chunked = false } = {}): Step {
  return (res) => {
    const body = JSON.stringify({ functions: [], padding: "x".repeat(bytes) });
    if (chunked) {
      res.writeHead(200, { "content-type": "application/json" });
      for (let at = 0; at < body.length; at += 1024) res.write(body.slice(at, at + 1024));
      res.end();
    } else {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) });
      res.end(body);
    }
  };
}
