// The Node transport: the same answers and failures as fetch, over one keep-alive pool, through its
// fetch entry point and its direct one.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultFetch } from "../../src/index.js";
import { directOf } from "../../src/transport/direct.js";
import { LinkedSignal } from "../../src/transport/linked-signal.js";
import { createNodeFetch } from "../../src/transport/node-fetch.js";

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

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  routes.set("/echo", (req, body, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ method: req.method, headers: req.headers, body: body.toString("utf8") }));
  });
  const page = JSON.stringify({ hello: "world".repeat(100) });
  routes.set("/gzip", (_req, _body, res) => res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync(page)));
  routes.set("/deflate", (_req, _body, res) => res.writeHead(200, { "content-encoding": "deflate" }).end(deflateSync(page)));
  routes.set("/br", (_req, _body, res) => res.writeHead(200, { "content-encoding": "br" }).end(brotliCompressSync(page)));
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
  routes.set("/stall", (_req, _body, res) => {
    res.writeHead(200, { "content-length": "100" });
    res.write("the rest never comes");
  });
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const fetchOver = createNodeFetch();
const send = directOf(fetchOver);
const direct = (
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
  maxBytes = 1 << 20,
) =>
  send?.(
    {
      method: init.method ?? "GET",
      url: new URL(path, base),
      headers: init.headers ?? {},
      body: init.body === undefined ? null : new TextEncoder().encode(init.body),
    },
    new LinkedSignal([]),
    maxBytes,
  ) ?? Promise.reject(new Error("no direct entry point"));

describe("the Node transport", () => {
  it("is the default transport on Node, with a direct entry point", () => {
    expect(directOf(defaultFetch)).toBeTypeOf("function");
  });

  it("sends the method, headers, exact host and body, and reuses one connection", async () => {
    const before = connections.length;
    for (let i = 0; i < 3; i++) {
      const response = await fetchOver(
        new Request(`${base}/echo`, { method: "POST", headers: { "X-Test": "yes" }, body: "héllo" }),
      );
      const echoed = (await response.json()) as { method: string; headers: Record<string, string>; body: string };
      expect(echoed).toMatchObject({ method: "POST", body: "héllo" });
      expect(echoed.headers).toMatchObject({ "x-test": "yes", host: new URL(base).host, "content-length": "6" });
    }
    const answer = await direct("/echo", { method: "PUT", body: "{}", headers: { "x-project-id": "p" } });
    expect(JSON.parse(new TextDecoder().decode(answer.body))).toMatchObject({
      method: "PUT",
      body: "{}",
      headers: { "x-project-id": "p" },
    });
    expect(connections.length - before).toBe(1);
  });

  it("decompresses gzip, deflate and br bodies, as fetch does", async () => {
    for (const coding of ["gzip", "deflate", "br"]) {
      const response = await fetchOver(new Request(`${base}/${coding}`));
      expect(response.headers.get("content-encoding")).toBe(coding);
      expect(await response.json()).toEqual({ hello: "world".repeat(100) });
      const answer = await direct(`/${coding}`);
      expect(JSON.parse(new TextDecoder().decode(answer.body))).toEqual({ hello: "world".repeat(100) });
    }
  });

  it("gives a 204 and a HEAD answer no body", async () => {
    const empty = await fetchOver(new Request(`${base}/empty`));
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
    const head = await fetchOver(new Request(`${base}/echo`, { method: "HEAD" }));
    expect(head.body).toBeNull();
    expect((await direct("/echo", { method: "HEAD" })).body.byteLength).toBe(0);
  });

  it("fails as fetch fails: a refused port, a body cut short", async () => {
    const refused = await fetchOver(new Request("http://127.0.0.1:9/")).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(TypeError);
    expect(refused).toMatchObject({ message: "fetch failed", cause: { code: "ECONNREFUSED" } });
    await expect(direct("http://127.0.0.1:9/")).rejects.toMatchObject({
      message: "fetch failed",
      cause: { code: "ECONNREFUSED" },
    });

    const truncated = await fetchOver(new Request(`${base}/truncated`));
    await expect(truncated.text()).rejects.toMatchObject({ message: "terminated" });
    await expect(direct("/truncated")).rejects.toMatchObject({ message: "terminated" });
  });

  it("ends on the signal: before the answer with its reason, and mid-body", async () => {
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(fetchOver(new Request(`${base}/echo`, { signal: controller.signal }))).rejects.toThrow("stop");

    const midBody = new AbortController();
    const response = await fetchOver(new Request(`${base}/stall`, { signal: midBody.signal }));
    const reading = response.text();
    midBody.abort(new Error("enough"));
    await expect(reading).rejects.toThrow("enough");

    const abort = new LinkedSignal([], 50);
    const stalled = send?.({ method: "GET", url: new URL("/stall", base), headers: {}, body: null }, abort, 1 << 20);
    await expect(stalled).rejects.toMatchObject({ name: "TimeoutError" });
    expect(abort.timedOut).toBe(true);
  });

  it("stops reading a body over maxBytes (declared or streamed)", async () => {
    expect(await direct("/big", {}, 1000)).toMatchObject({ status: 200, tooLarge: true });
    expect(await direct("/chunked", {}, 4500)).toMatchObject({ status: 200, tooLarge: true });
    const whole = await direct("/chunked", {}, 5000);
    expect(whole).toMatchObject({ status: 200, tooLarge: false });
    expect(whole.body.byteLength).toBe(5000);
  });
});
