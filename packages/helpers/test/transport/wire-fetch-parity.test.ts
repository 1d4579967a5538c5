// The Node transport's direct entry (undici-dispatch.ts) reads answers itself instead of through
// fetch. These answers, sent byte for byte by a raw socket server, are ones it used to read
// differently from Node's fetch: each test reads the same answer through fetch and through fgkit
// (withRetry over the Node transport, and over a plain fetch function where the layer is shared),
// over Node's own undici and over undici 7 from npm as the global dispatcher.

import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { createServer, type Socket } from "node:net";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, expect, it } from "vitest";
import { defaultFetch, withRetry } from "../../src/index.js";
import { directOf } from "../../src/transport/direct.js";
import { LinkedSignal } from "../../src/transport/linked-signal.js";
import { describeOverEachUndici } from "../support/each-undici.js";

const answers = new Map<string, Buffer>();
let base = "";
// Answers each request on a connection with the bytes set for its path, then closes the connection.
const server = createServer((socket: Socket) => {
  let head = "";
  socket.on("data", (data) => {
    head += data.toString("latin1");
    if (!head.includes("\r\n\r\n")) return;
    const answer = answers.get(new URL(head.split(" ")[1] ?? "/", "http://x").pathname);
    head = "";
    if (answer) socket.end(answer);
    else socket.destroy();
  });
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

/** An answer from its head (lines joined by CRLF) and body. */
const wire = (head: string[], body: Buffer | string = "") =>
  Buffer.concat([Buffer.from(`${head.join("\r\n")}\r\n\r\n`, "latin1"), Buffer.from(body)]);
/** A 200 answer (JSON unless `type` says otherwise) with `coding` over `body`. */
const coded = (coding: string, body: Buffer, type = "application/json") =>
  wire(["HTTP/1.1 200 OK", `Content-Type: ${type}`, `Content-Encoding: ${coding}`, `Content-Length: ${body.length}`], body);
const json = '{"functions":[]}';

interface Seen {
  status: number;
  statusText: string;
  ok: boolean;
  body: string;
}
const seen = async (response: Response): Promise<Seen> => ({
  status: response.status,
  statusText: response.statusText,
  ok: response.ok,
  body: await response.text(),
});
/** The answer at `path` as Node's fetch, fgkit's Node transport, and fgkit over a plain fetch give it. */
async function read(path: string, method = "GET") {
  const url = `${base}${path}`;
  const viaFetch = await seen(await fetch(url, { method }));
  const options = { maxAttempts: 1 };
  const viaFgkit = await seen(await withRetry(defaultFetch, options)(new Request(url, { method })));
  const viaPlainFetch = await seen(await withRetry((request) => fetch(request), options)(new Request(url, { method })));
  return { viaFetch, viaFgkit, viaPlainFetch };
}

const send = directOf(defaultFetch);
const direct = (path: string, method = "GET", maxBytes = 1 << 20) =>
  send?.({ method, url: new URL(path, base), headers: {}, body: null }, new LinkedSignal([]), maxBytes) ??
  Promise.reject(new Error("no direct entry point"));

describeOverEachUndici("answers read as fetch reads them,", () => {
  it("decodes stacked content codings, last applied first, and keeps a stack with one it does not know as sent", async () => {
    answers.set("/stacked", coded("gzip, br", brotliCompressSync(gzipSync(json))));
    answers.set(
      "/two-lines",
      wire(
        [
          "HTTP/1.1 200 OK",
          "Content-Type: application/json",
          "Content-Encoding: deflate",
          "Content-Encoding: gzip",
          `Content-Length: ${gzipSync(deflateSync(json)).length}`,
        ],
        gzipSync(deflateSync(json)),
      ),
    );
    answers.set("/with-identity", coded("gzip, identity", gzipSync(json)));
    for (const path of ["/stacked", "/two-lines"]) {
      const { viaFetch, viaFgkit } = await read(path);
      expect(viaFetch.body).toBe(json);
      expect(viaFgkit).toEqual(viaFetch);
    }
    // fetch decodes nothing of a stack with a coding it does not know ("identity" included).
    expect(Buffer.from((await direct("/with-identity")).body)).toEqual(gzipSync(json));
  });

  it("decodes a deflate body sent raw, without the zlib wrapper, as fetch (and browsers) do", async () => {
    answers.set("/raw-deflate", coded("deflate", deflateRawSync(json)));
    const { viaFetch, viaFgkit } = await read("/raw-deflate");
    expect(viaFetch.body).toBe(json);
    expect(viaFgkit).toEqual(viaFetch);
  });

  it("keeps a body whose coding is named like an Object property as sent", async () => {
    for (const coding of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      answers.set(
        "/odd-coding",
        wire(["HTTP/1.1 200 OK", "Content-Type: text/plain", `Content-Encoding: ${coding}`, "Content-Length: 2"], "hi"),
      );
      const { viaFetch, viaFgkit } = await read("/odd-coding");
      expect(viaFetch.body).toBe("hi");
      expect(viaFgkit).toEqual(viaFetch);
    }
  });

  it("refuses more than five stacked codings, as fetch does", async () => {
    answers.set("/many", coded("identity, identity, identity, identity, identity, identity", Buffer.from(json)));
    await expect(fetch(`${base}/many`)).rejects.toMatchObject({ message: "fetch failed" });
    await expect(direct("/many")).rejects.toMatchObject({
      name: "TypeError",
      message: "fetch failed",
      cause: { message: "too many content-encodings in response: 6, maximum allowed is 5" },
    });
  });

  it("gives a HEAD answer and a 204, 205 or 304 no body, whatever length they declare: never too large", async () => {
    // A HEAD or 304 answer's Content-Length is that of the body a GET would get (here over maxResponseBytes).
    answers.set("/head", wire(["HTTP/1.1 200 OK", "Content-Type: application/json", "Content-Length: 99999999"]));
    answers.set("/not-modified", wire(["HTTP/1.1 304 Not Modified", 'ETag: "v1"', "Content-Length: 99999999"]));
    answers.set("/reset", wire(["HTTP/1.1 205 Reset Content", "Content-Length: 7"], "ignored"));
    answers.set("/no-content", wire(["HTTP/1.1 204 No Content", "Content-Length: 5"]));
    const bodiless = [
      ["/head", "HEAD"],
      ["/not-modified", "GET"],
      ["/reset", "GET"],
      ["/no-content", "DELETE"],
    ] as const;
    for (const [path, method] of bodiless) {
      const { viaFetch, viaFgkit, viaPlainFetch } = await read(path, method);
      expect(viaFetch.body).toBe("");
      expect(viaFgkit).toEqual(viaFetch);
      expect(viaPlainFetch).toEqual(viaFetch);
    }
    expect(await direct("/reset", "GET", 4)).toMatchObject({ status: 205, tooLarge: false });
  });

  it("hands over any status and reason phrase a server sends, as fetch does: a 600, a reason in UTF-8 or Latin-1", async () => {
    const ok = ["Content-Type: application/json", `Content-Length: ${json.length}`];
    answers.set("/600", wire(["HTTP/1.1 600 Beyond", ...ok], json));
    answers.set("/utf8-reason", wire([`HTTP/1.1 200 ${Buffer.from("成功").toString("latin1")}`, ...ok], json));
    answers.set("/latin1-reason", wire(["HTTP/1.1 200 R\xe9ussi", ...ok], json));
    for (const path of ["/600", "/utf8-reason", "/latin1-reason"]) {
      const { viaFetch, viaFgkit, viaPlainFetch } = await read(path);
      expect(viaFetch.body).toBe(json);
      expect(viaFgkit).toEqual(viaFetch);
      expect(viaPlainFetch).toEqual(viaFetch);
    }
    const answer = await withRetry(defaultFetch, { maxAttempts: 1 })(new Request(`${base}/600`));
    expect({ status: answer.status, ok: answer.ok, statusText: answer.statusText }).toEqual({
      status: 600,
      ok: false,
      statusText: "Beyond",
    });
    // A copy shows the same, made before or after the body stream was asked for.
    expect(await seen(answer.clone())).toEqual({ status: 600, statusText: "Beyond", ok: false, body: json });
    expect(answer.body).not.toBeNull();
    expect(await seen(answer.clone())).toEqual({ status: 600, statusText: "Beyond", ok: false, body: json });
    expect(await answer.text()).toBe(json);
  });

  it("reads a compressed body of exactly maxBytes once decoded, though its compressed length is a little over", async () => {
    // Incompressible bytes come out of gzip a little longer than they went in.
    const exact = randomBytes(50_000);
    answers.set("/exact", coded("gzip", gzipSync(exact), "application/octet-stream"));
    expect(gzipSync(exact).length).toBeGreaterThan(exact.length);
    const answer = await direct("/exact", "GET", exact.length);
    expect(answer.tooLarge).toBe(false);
    expect(Buffer.from(answer.body)).toEqual(exact);
    expect(await direct("/exact", "GET", exact.length - 1)).toMatchObject({ tooLarge: true });
    const plain = withRetry((request) => fetch(request), { maxAttempts: 1, maxResponseBytes: exact.length });
    expect(Buffer.from(await (await plain(new Request(`${base}/exact`))).arrayBuffer())).toEqual(exact);
  });
});
