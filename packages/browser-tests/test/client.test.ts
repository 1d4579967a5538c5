// @fgkit/client in a real browser: bundled for the browser (esbuild, the package imported by name),
// run in headless Chromium over its own fetch and Web Crypto against a loopback API that checks every
// signature with Node's signer. It walks a paged list, retries a 503, ends a call that never answers
// at its attempt timeout, and refuses bad input before sending it.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { computeSignature } from "@fgkit/helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_CREDENTIALS, CLIENT_PROJECT, type ClientPageGlobals } from "./page/protocol.js";
import { bundlePage } from "./support/bundle-page.js";
import { announce, launchChromium, need, skipWithout } from "./support/chromium.js";

const FUNCTIONS = ["alpha", "beta", "gamma", "delta", "epsilon"];
const LIST = `/v2/${CLIENT_PROJECT}/fgs/functions`;

interface Seen {
  method: string;
  path: string;
  /** The signature as received, and as Node's signer computes it over what was received. */
  authorization: string | undefined;
  expected: string;
}

/** Node's signature over the request as it arrived, with the headers it says it signed. */
async function expectedAuthorization(req: IncomingMessage, body: string): Promise<string> {
  const authorization = req.headers.authorization ?? "";
  const signed = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(";") ?? [];
  const headers = signed.map((name): [string, string] => [name, String(req.headers[name] ?? "")]);
  const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
  const signature = await computeSignature({ method: req.method ?? "GET", url, headers, body }, CLIENT_CREDENTIALS);
  return signature.authorization;
}

let bundle = "";
let api = "";
const seen: Seen[] = [];
let quotaCalls = 0;
const server = createServer(async (req, res) => {
  let body = "";
  for await (const chunk of req) body += chunk;
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  if (url.pathname === "/") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(
      '<!doctype html><meta charset="utf-8"><title>fgkit client</title><script type="module" src="/client-page.js"></script>',
    );
    return;
  }
  if (url.pathname === "/client-page.js") {
    res.writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store" }).end(bundle);
    return;
  }
  if (url.pathname === "/favicon.ico") {
    res.writeHead(404).end();
    return;
  }
  seen.push({
    method: req.method ?? "",
    path: `${url.pathname}${url.search}`,
    authorization: req.headers.authorization,
    expected: await expectedAuthorization(req, body),
  });
  const json = (status: number, value: unknown) =>
    res
      .writeHead(status, { "content-type": "application/json", "x-request-id": `rid-${seen.length}` })
      .end(JSON.stringify(value));
  if (url.pathname === LIST) {
    const size = Number(url.searchParams.get("maxitems") ?? 100);
    const start = Number(url.searchParams.get("marker") ?? 0);
    const end = Math.min(FUNCTIONS.length, start + size);
    const functions = FUNCTIONS.slice(start, end).map((func_name) => ({ func_name }));
    return json(200, { functions, count: FUNCTIONS.length, ...(end < FUNCTIONS.length ? { next_marker: end } : {}) });
  }
  if (url.pathname.endsWith("/fgs/quotas"))
    return ++quotaCalls === 1
      ? json(503, { error_code: "FSS.0503", error_msg: "busy" })
      : json(200, { quotas: { resources: [{ type: "fgs_func_code_size", quota: 10 }] } });
  if (url.pathname.endsWith("/hangs/config")) return; // never answers
  json(404, { error_code: "FSS.0404", error_msg: `no route ${url.pathname}` });
});

beforeAll(async () => {
  ({ code: bundle } = await bundlePage("client-page.ts"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

const launch = await launchChromium();
announce(launch, "client.test.ts");
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await launch.browser?.close();
});

describe("@fgkit/client in the browser", () => {
  it("bundles for the browser without any Node built-in", async () => {
    const { metafile } = await bundlePage("client-page.ts");
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.some((input) => input.includes("client/dist/index.js"))).toBe(true);
    expect(inputs.filter((input) => input.startsWith("node:") || input.includes("index.node."))).toEqual([]);
  });

  it.skipIf(skipWithout(launch))(
    `pages, retries, times out and refuses bad input, every request signed as Node signs it${launch.browser ? "" : ` (no browser: ${launch.reason})`}`,
    async () => {
      const browser = need(launch);
      const context = await browser.newContext();
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      await page.goto(`${api}/`);
      await page.waitForFunction(() => (globalThis as unknown as ClientPageGlobals).fgkitReady === true, undefined, {
        timeout: 15_000,
      });
      const outcome = await page.evaluate((endpoint) => (globalThis as unknown as ClientPageGlobals).fgkitRun(endpoint), api);

      expect(outcome.names).toEqual(FUNCTIONS);
      expect(outcome.quotas).toEqual({ quotas: { resources: [{ type: "fgs_func_code_size", quota: 10 }] } });
      expect(outcome.timeout).toEqual({
        name: "FunctionGraphError",
        code: "Timeout",
        message: `GET /v2/${CLIENT_PROJECT}/fgs/functions/hangs/config: attempt 1 got no complete answer within 300 ms`,
      });
      expect(outcome.refused).toMatchObject({ name: "InvalidInputError", field: "params.query.maxitems" });

      // Three pages, the 503 and its retry, the call that hung; nothing for the refused call.
      expect(seen.map((request) => `${request.method} ${request.path}`)).toEqual([
        `GET ${LIST}?maxitems=2`,
        `GET ${LIST}?marker=2&maxitems=2`,
        `GET ${LIST}?marker=4&maxitems=2`,
        `GET /v2/${CLIENT_PROJECT}/fgs/quotas`,
        `GET /v2/${CLIENT_PROJECT}/fgs/quotas`,
        `GET /v2/${CLIENT_PROJECT}/fgs/functions/hangs/config`,
      ]);
      for (const request of seen) {
        expect(request.authorization).toMatch(/^SDK-HMAC-SHA256 Access=HPUABROWSERAK0123456, SignedHeaders=/);
        expect(request.authorization, `${request.method} ${request.path}`).toBe(request.expected);
      }
      expect(pageErrors).toEqual([]);
      await context.close();
    },
  );
});
