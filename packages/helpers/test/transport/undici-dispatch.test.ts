// The Node transport: fetch for Requests, and a direct entry point over the dispatcher under Node's
// fetch that answers and fails as fetch does. The direct tests run twice: over Node's own undici
// (its original handler interface) and over undici 7 from npm installed as the global dispatcher
// (the handler interface undici 7 and later prefer).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { type AddressInfo, createServer as createTcpServer } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { Agent, getGlobalDispatcher, MockAgent, setGlobalDispatcher } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { defaultFetch, withRetry } from "../../src/index.js";
import { directOf } from "../../src/transport/direct.js";
import { LinkedSignal } from "../../src/transport/linked-signal.js";
import { describeOverEachUndici } from "../support/each-undici.js";

type Handler = (req: IncomingMessage, body: Buffer, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
const connections: unknown[] = [];
let base = "";
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const handler = routes.get(new URL(req.url ?? "/", "http://x").pathname);
  if (handler) handler(req, Buffer.concat(chunks), res);
  else res.writeHead(404).end();
});
server.on("connection", (socket) => connections.push(socket));

let releaseSlow = () => {};
const slowGate = new Promise<void>((resolve) => {
  releaseSlow = resolve;
});
const page = JSON.stringify({ hello: "world".repeat(100) });
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  routes.set("/echo", (req, body, res) => {
    res.setHeader("content-type", "application/json");
    res.setHeader("set-cookie", ["a=1", "b=2"]);
    res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.headers, body: body.toString("utf8") }));
  });
  routes.set("/gzip", (_req, _body, res) => res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync(page)));
  routes.set("/deflate", (_req, _body, res) => res.writeHead(200, { "content-encoding": "deflate" }).end(deflateSync(page)));
  routes.set("/br", (_req, _body, res) => res.writeHead(200, { "content-encoding": "br" }).end(brotliCompressSync(page)));
  routes.set("/bomb", (_req, _body, res) =>
    res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync(Buffer.alloc(100_000))),
  );
  routes.set("/bad-gzip", (_req, _body, res) => res.writeHead(200, { "content-encoding": "gzip" }).end("not gzip"));
  const large = Buffer.from(Array.from({ length: 300_000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join(""));
  routes.set("/large", (_req, _body, res) => res.writeHead(200, { "content-length": large.length }).end(large));
  routes.set("/large-chunked", (_req, _body, res) => {
    res.writeHead(200);
    for (let at = 0; at < large.length; at += 70_000) res.write(large.subarray(at, at + 70_000));
    res.end();
  });
  routes.set("/empty", (_req, _body, res) => res.writeHead(204).end());
  routes.set("/big", (_req, _body, res) => res.writeHead(200).end("x".repeat(5000)));
  routes.set("/chunked", (_req, _body, res) => {
    res.writeHead(200);
    for (let i = 0; i < 5; i++) res.write("x".repeat(1000));
    res.end();
  });
  routes.set("/truncated", (_req, _body, res) => {
    res.writeHead(200, { "content-length": "100" });
    res.write("only part");
    setTimeout(() => res.socket?.destroy(), 10);
  });
  // Answers once the test calls releaseSlow().
  routes.set("/slow", (_req, _body, res) => void slowGate.then(() => res.writeHead(200).end("late")));
  routes.set("/stall", (_req, _body, res) => {
    res.writeHead(200, { "content-length": "100" });
    res.write("the rest never comes");
  });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const send = directOf(defaultFetch);
const direct = (
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
  maxBytes = 1 << 20,
  abort = new LinkedSignal([]),
) =>
  send?.(
    {
      method: init.method ?? "GET",
      url: new URL(path, base),
      headers: init.headers ?? {},
      body: init.body === undefined ? null : new TextEncoder().encode(init.body),
    },
    abort,
    maxBytes,
  ) ?? Promise.reject(new Error("no direct entry point"));
const text = (body: Uint8Array) => new TextDecoder().decode(body);

describe("the Node transport's fetch entry", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is the global fetch, looked up at each call", async () => {
    const stub = vi.fn(async () => new Response("stubbed"));
    vi.stubGlobal("fetch", stub);
    const request = new Request(`${base}/echo`);
    expect(await (await defaultFetch(request)).text()).toBe("stubbed");
    expect(stub).toHaveBeenCalledWith(request);
  });
});

describeOverEachUndici(
  "the direct entry",
  () => {
    it("sends the method, path, query, headers, exact host and body, over reused connections", async () => {
      const opened = connections.length;
      let afterTwo = 0;
      for (let i = 0; i < 5; i++) {
        if (i === 2) afterTwo = connections.length;
        const answer = await direct("/echo?a=1&b=%20", {
          method: "PUT",
          body: "héllo",
          headers: { "x-project-id": "p", "content-length": "999", host: "ignored.example" },
        });
        expect(answer.status).toBe(200);
        expect(JSON.parse(text(answer.body))).toMatchObject({
          method: "PUT",
          url: "/echo?a=1&b=%20",
          body: "héllo",
          headers: { "x-project-id": "p", host: new URL(base).host, "content-length": "6" },
        });
        // Raw headers as received: names and values as strings, repeated names kept.
        expect(answer.rawHeaders.filter((_, at) => at % 2 === 0).map((name) => name.toLowerCase())).toContain("content-type");
        expect(answer.rawHeaders.filter((value) => value === "a=1" || value === "b=2")).toEqual(["a=1", "b=2"]);
      }
      // As with fetch: a second connection may open while the first is being released, then both are reused.
      expect(connections.length - opened).toBeLessThanOrEqual(2);
      expect(connections.length).toBe(afterTwo);
    });

    it("names itself in User-Agent (which a request of its own keeps), as Node's fetch and the official SDK do", async () => {
      const sent = async (headers: Record<string, string>) =>
        (JSON.parse(text((await direct("/echo", { headers })).body)) as { headers: Record<string, string> }).headers;
      expect((await sent({}))["user-agent"]).toBe(
        `fgkit/dev Node.js/${process.versions.node} (${process.platform}; ${process.arch})`,
      );
      expect((await sent({ "user-agent": "my-app/2.0" }))["user-agent"]).toBe("my-app/2.0");
    });

    it("reads a large body whole and byte for byte, with or without a declared length", async () => {
      const expected = Array.from({ length: 300_000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join("");
      for (const path of ["/large", "/large-chunked"]) {
        const answer = await direct(path);
        expect(answer.tooLarge).toBe(false);
        expect(text(answer.body)).toBe(expected);
      }
    });

    it("sends Content-Length: 0 for a POST without a body, as fetch does", async () => {
      const answer = await direct("/echo", { method: "POST" });
      expect(JSON.parse(text(answer.body)).headers).toMatchObject({ "content-length": "0" });
    });

    it("asks for and decodes gzip, deflate and br bodies, keeping the headers as sent", async () => {
      for (const coding of ["gzip", "deflate", "br"]) {
        const answer = await direct(`/${coding}`);
        expect(JSON.parse(text(answer.body))).toEqual(JSON.parse(page));
        expect(answer.rawHeaders).toContain(coding);
      }
      const echoed = JSON.parse(text((await direct("/echo")).body));
      expect(echoed.headers["accept-encoding"]).toBe("gzip, deflate, br");
      const asked = JSON.parse(text((await direct("/echo", { headers: { "accept-encoding": "identity" } })).body));
      expect(asked.headers["accept-encoding"]).toBe("identity");
    });

    it("gives a 204 and a HEAD answer no body", async () => {
      expect(await direct("/empty")).toMatchObject({ status: 204, tooLarge: false });
      expect((await direct("/empty")).body.byteLength).toBe(0);
      expect((await direct("/echo", { method: "HEAD" })).body.byteLength).toBe(0);
    });

    it("fails as fetch fails: a refused port, a body cut short, a body that does not decode", async () => {
      await expect(direct("http://127.0.0.1:9/")).rejects.toMatchObject({
        name: "TypeError",
        message: "fetch failed",
        cause: { code: "ECONNREFUSED" },
      });
      await expect(direct("/truncated")).rejects.toMatchObject({ name: "TypeError", message: "terminated" });
      await expect(direct("/bad-gzip")).rejects.toMatchObject({ name: "TypeError", message: "terminated" });
    });

    it("ends on the attempt's signal: at once when already aborted, and mid-body with the reason", async () => {
      const early = new LinkedSignal([AbortSignal.abort(new Error("stop"))]);
      await expect(direct("/echo", {}, 1 << 20, early)).rejects.toThrow("stop");

      const abort = new LinkedSignal([], 50);
      await expect(direct("/stall", {}, 1 << 20, abort)).rejects.toMatchObject({ name: "TimeoutError" });
      expect(abort.timedOut).toBe(true);
      // The connection is still usable for the next call.
      expect((await direct("/echo")).status).toBe(200);
    });

    it("stops reading a body over maxBytes: declared, streamed, or once decoded", async () => {
      expect(await direct("/big", {}, 1000)).toMatchObject({ status: 200, tooLarge: true });
      expect(await direct("/chunked", {}, 4500)).toMatchObject({ status: 200, tooLarge: true });
      const whole = await direct("/chunked", {}, 5000);
      expect(whole).toMatchObject({ status: 200, tooLarge: false });
      expect(whole.body.byteLength).toBe(5000);
      expect(await direct("/bomb", {}, 50_000)).toMatchObject({ status: 200, tooLarge: true });
      expect((await direct("/bomb", {}, 100_000)).body.byteLength).toBe(100_000);
    });

    it("a connection that fails before the request is written sent nothing: a POST is sent again", async () => {
      // An https: endpoint whose server drops each connection during the TLS handshake (a load
      // balancer under strain may): undici fails the request before it has written any of it.
      let connects = 0;
      const dropping = createTcpServer((socket) => {
        connects++;
        socket.destroy();
      });
      await new Promise<void>((resolve) => dropping.listen(0, "127.0.0.1", resolve));
      const url = `https://127.0.0.1:${(dropping.address() as AddressInfo).port}/invoke`;
      try {
        // Failed as fetch fails, cause and all.
        await expect(direct(url, { method: "POST", body: "{}" })).rejects.toMatchObject({
          name: "TypeError",
          message: "fetch failed",
          // ECONNRESET as a rule; EPIPE when the client was still writing its hello as the socket closed.
          cause: { code: expect.stringMatching(/^(ECONNRESET|EPIPE)$/) },
        });
        connects = 0;
        const fetch = withRetry(defaultFetch, { baseDelayMs: 1, random: () => 0 });
        const error = await fetch(new Request(url, { method: "POST", body: "{}" })).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: "NetworkError", attempts: 3 });
        expect(connects).toBe(3);
        // Not the note of a POST that may have run.
        expect((error as Error).message).not.toContain("may have run");
      } finally {
        await new Promise((resolve) => dropping.close(resolve));
      }
    });
  },
  { keepAliveTimeout: 10_000 },
);

describe("the direct entry and an installed global dispatcher", () => {
  it("goes through a MockAgent the application installed, as fetch would", async () => {
    const before = getGlobalDispatcher();
    const mock = new MockAgent();
    mock.disableNetConnect();
    mock
      .get("https://functiongraph.example")
      .intercept({ path: "/v2/p/fgs/functions", method: "GET" })
      .reply(200, { functions: [] }, { headers: { "content-type": "application/json" } });
    setGlobalDispatcher(mock);
    try {
      const answer = await send?.(
        { method: "GET", url: new URL("https://functiongraph.example/v2/p/fgs/functions"), headers: {}, body: null },
        new LinkedSignal([]),
        1 << 20,
      );
      expect(answer?.status).toBe(200);
      expect(JSON.parse(text(answer?.body ?? new Uint8Array()))).toEqual({ functions: [] });
      mock.assertNoPendingInterceptors();
    } finally {
      setGlobalDispatcher(before);
      await mock.close();
    }
  });

  it("a MockAgent's replyWithError stands for a network failure after the request went out: a POST is not sent again", async () => {
    // The mock fails the request without an onConnect first, as a connection failing before the write
    // would; a test that simulates a reset mid-request means the request may have run.
    const before = getGlobalDispatcher();
    const mock = new MockAgent();
    mock.disableNetConnect();
    mock
      .get("https://functiongraph.example")
      .intercept({ path: "/invoke", method: "POST" })
      .replyWithError(Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" }));
    setGlobalDispatcher(mock);
    try {
      const fetch = withRetry(defaultFetch, { baseDelayMs: 1, random: () => 0 });
      const error = await fetch(new Request("https://functiongraph.example/invoke", { method: "POST", body: "{}" })).catch(
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: "NetworkError", attempts: 1 });
      expect((error as Error).message).toContain("may have run");
    } finally {
      setGlobalDispatcher(before);
      await mock.close();
    }
  });

  it("waits past a dispatcher's own header and body timeouts: the attempt's timeout is the one limit", async () => {
    // Node's global Agent gives up on an answer after 300 s (headersTimeout, bodyTimeout), below an
    // invoke's 930 s and any longer attempt timeout. The same limits, shortened, on an installed agent:
    const before = getGlobalDispatcher();
    const impatient = new Agent({ headersTimeout: 100, bodyTimeout: 100 });
    setGlobalDispatcher(impatient);
    // undici checks its timeouts about once a second, so the answers come well after that.
    routes.set("/late-head", (_req, _body, res) => void setTimeout(() => res.writeHead(200).end("late head"), 1500));
    routes.set("/late-body", (_req, _body, res) => {
      res.writeHead(200);
      res.write("first ");
      setTimeout(() => res.end("and late"), 1500);
    });
    try {
      const [head, body] = await Promise.all([direct("/late-head"), direct("/late-body")]);
      expect(text(head.body)).toBe("late head");
      expect(text(body.body)).toBe("first and late");
    } finally {
      setGlobalDispatcher(before);
      await impatient.close();
    }
  });

  it("under an agent that caps connections, a queued call still ends with its attempt, and the pool goes on", async () => {
    const before = getGlobalDispatcher();
    const capped = new Agent({ connections: 1 });
    setGlobalDispatcher(capped);
    try {
      // The one connection is held by a call the server does not answer until told to.
      const slow = direct("/slow");
      // Still queued when its attempt ends: not sent, and the error says so (with the timeout as cause).
      await expect(direct("/echo", {}, 1 << 20, new LinkedSignal([], 100))).rejects.toMatchObject({
        name: "NotSent",
        cause: { name: "TimeoutError" },
      });
      releaseSlow();
      expect((await slow).status).toBe(200);
      expect((await direct("/echo")).status).toBe(200);
    } finally {
      setGlobalDispatcher(before);
      await capped.close();
    }
  });

  it("a call still queued when its attempt ends was not sent: withRetry sends it again, a POST too", async () => {
    const before = getGlobalDispatcher();
    const capped = new Agent({ connections: 1 });
    setGlobalDispatcher(capped);
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const posted: string[] = [];
    routes.set("/held", (_req, _body, res) => void held.then(() => res.writeHead(200).end("done")));
    routes.set("/invoke", (_req, body, res) => {
      posted.push(body.toString("utf8"));
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
    try {
      const holding = direct("/held");
      const retries: string[] = [];
      const fetch = withRetry(defaultFetch, {
        attemptTimeoutMs: 300,
        // On a loaded machine the held connection may come free only after a later attempt's limit.
        maxAttempts: 10,
        baseDelayMs: 1,
        random: () => 0,
        // The connection comes free while the retry waits.
        onRetry: ({ error }) => {
          retries.push(`${error.code}: ${error.message}`);
          release();
        },
      });
      const answer = await fetch(new Request(`${base}/invoke`, { method: "POST", body: '{"n":1}' }));
      expect(answer.status).toBe(200);
      expect(posted).toEqual(['{"n":1}']);
      // Each attempt that ended was one never sent (the body went out once, above).
      expect(retries[0]).toBe("Timeout: POST /invoke: attempt 1 was not sent: no connection was ready within 300 ms");
      for (const retry of retries)
        expect(retry).toMatch(/^Timeout: POST \/invoke: attempt \d+ was not sent: no connection was ready within 300 ms$/);
      expect((await holding).status).toBe(200);
    } finally {
      release();
      setGlobalDispatcher(before);
      await capped.close();
    }
  });

  it("a POST whose request went out and got no answer in time is not sent again", async () => {
    const seen: string[] = [];
    routes.set("/swallow", (_req, body) => void seen.push(body.toString("utf8")));
    const fetch = withRetry(defaultFetch, { attemptTimeoutMs: 100, baseDelayMs: 1, random: () => 0 });
    const error = await fetch(new Request(`${base}/swallow`, { method: "POST", body: "{}" })).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: "Timeout",
      attempts: 1,
      message:
        "POST /swallow: attempt 1 got no complete answer within 100 ms; not sent again, as the POST may have run (retry.retryNonIdempotent: true sends it again)",
    });
    expect(seen).toEqual(["{}"]);
  });
});
