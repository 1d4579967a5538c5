// Pins what the Node transport's direct entry already does as fetch does: the caller's signal ends
// a call at once whether it waits for headers or for the rest of the body, and the server sees the
// request dropped (no socket kept for it); an Early Hints answer is passed over for the final one;
// the Host sent is the URL's host exactly (IPv6 brackets, a port only when not the default).
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { getGlobalDispatcher, MockAgent, setGlobalDispatcher } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultFetch } from "../../src/index.js";
import { directOf } from "../../src/transport/direct.js";
import { LinkedSignal } from "../../src/transport/linked-signal.js";
import { describeOverEachUndici } from "../support/each-undici.js";

const closed: IncomingMessage[] = [];
const server = createServer((req, res) => {
  req.socket.once("close", () => closed.push(req));
  if (req.url === "/mid-body") res.writeHead(200, { "content-length": "100" }).write("part");
  else if (req.url === "/early-hints") {
    res.writeEarlyHints({ link: "</style.css>; rel=preload" });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ host: req.headers.host }));
  }
  // Anything else is never answered.
});
const started: string[] = [];
server.on("request", (req: IncomingMessage) => started.push(req.url ?? ""));
let base = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "::1", resolve));
  base = `http://[::1]:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
});

const send = directOf(defaultFetch);
const direct = (url: string, abort = new LinkedSignal([])) =>
  send?.({ method: "GET", url: new URL(url, base), headers: {}, body: null }, abort, 1 << 20) ??
  Promise.reject(new Error("no direct entry point"));
const until = async (done: () => boolean) => {
  for (let i = 0; i < 100 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return done();
};

describeOverEachUndici("the direct entry", () => {
  it("ends at once with the caller's reason, waiting for headers or mid-body, and lets the connection go", async () => {
    for (const path of ["/never", "/mid-body"]) {
      const caller = new AbortController();
      const seen = started.length;
      const call = direct(path, new LinkedSignal([caller.signal]));
      expect(await until(() => started.length > seen)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const before = closed.length;
      const reason = new Error(`stopped at ${path}`);
      const at = Date.now();
      caller.abort(reason);
      await expect(call).rejects.toBe(reason);
      expect(Date.now() - at).toBeLessThan(100);
      // The server sees the connection closed: no socket is left holding the dropped request.
      expect(await until(() => closed.slice(before).some((req) => req.url === path))).toBe(true);
    }
  });

  it("passes over an Early Hints answer for the final one, and sends an IPv6 host with its brackets and port", async () => {
    const answer = await direct("/early-hints");
    expect(answer.status).toBe(200);
    expect(JSON.parse(new TextDecoder().decode(answer.body))).toEqual({ host: new URL(base).host });
    expect(answer.rawHeaders.map((value) => value.toLowerCase())).not.toContain("link");
  });
});

describe("the Host the direct entry sends", () => {
  it("is the URL's host: no port when it is the default one, the port otherwise", async () => {
    const before = getGlobalDispatcher();
    const mock = new MockAgent();
    mock.disableNetConnect();
    for (const origin of ["https://fg.example", "https://fg.example:8443", "http://fg.example"])
      mock
        .get(origin)
        .intercept({ path: "/" })
        .reply(200, (options) => String((options.headers as Record<string, string>).host));
    setGlobalDispatcher(mock);
    try {
      const hosts: string[] = [];
      for (const url of ["https://fg.example:443/", "https://fg.example:8443/", "http://fg.example:80/"])
        hosts.push(new TextDecoder().decode((await direct(url)).body));
      expect(hosts).toEqual(["fg.example", "fg.example:8443", "fg.example"]);
    } finally {
      setGlobalDispatcher(before);
      await mock.close();
    }
  });
});
