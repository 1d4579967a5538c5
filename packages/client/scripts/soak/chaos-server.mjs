// A loopback FunctionGraph stand-in (and a fake IAM) that misbehaves at random; run by soak.mjs in a
// child process so that its sockets and memory are not counted with the client's. Prints its port.
import { createServer } from "node:http";
import { gzipSync } from "node:zlib";
import { seeded } from "./seeded.mjs";

const seed = Number(process.env.SOAK_SEED ?? 1);
const PASSWORD = process.env.SOAK_PASSWORD;
const TOKEN_LIFE_MS = Number(process.env.SOAK_TOKEN_LIFE_MS ?? 40_000);
const OVERSIZE = 96 * 1024; // the client allows 64 KiB

const { random, pick } = seeded(seed);

const stats = {};
const count = (name) => {
  stats[name] = (stats[name] ?? 0) + 1;
};
let tokens = 0;
const validTokens = new Set();

const BEHAVIOURS = {
  ok: 40,
  gzip: 6,
  throttled429: 6,
  unavailable503: 4,
  error500: 5,
  slow: 4,
  reset: 4,
  resetAfterHeaders: 2,
  truncated: 3,
  stalled: 3,
  oversized: 2,
  oversizedChunked: 2,
  badGzip: 1,
  notJson200: 3,
  badJson200: 2,
  echoSecrets4xx: 4,
  unauthorized: 3,
  gzipBomb: 1,
  redirect: 1,
  status600: 1,
  utf8Reason: 1,
  earlyHints: 1,
  noContent: 1,
  closeDelimited: 1,
  garbage: 1,
  badChunk: 1,
  hugeHeader: 1,
  oddRetryAfter: 2,
};

const BOMB = gzipSync(Buffer.alloc(4 * 1024 * 1024));
// Raw bytes on the socket, for answers Node's server would not write.
const raw = (req, text) => {
  req.socket.write(text);
  setTimeout(() => req.socket.destroy(), 5);
};

const jsonHeaders = { "content-type": "application/json", "x-request-id": "req-soak" };

function okBody(req, url) {
  const path = url.pathname;
  if (/\/fgs\/functions$/.test(path) && req.method === "GET") {
    const total = 30;
    const from = Number(url.searchParams.get("marker") ?? 0) || 0;
    const size = Number(url.searchParams.get("maxitems") ?? 10) || 10;
    const functions = [];
    for (let i = from; i < Math.min(total, from + size); i++) functions.push({ func_urn: `urn:${i}`, func_name: `f${i}` });
    const next = from + size;
    return { functions, count: total, ...(next < total ? { next_marker: next } : {}) };
  }
  if (path.endsWith("/invocations")) return { request_id: "inv-1", result: JSON.stringify({ ok: true }), log: "", status: 200 };
  if (path.endsWith("/async-invocations")) {
    const status = pick({ RUNNING: 6, WAIT: 2, SUCCESS: 2, FAIL: 1 });
    return { invocations: [{ request_id: url.searchParams.get("request_id"), status }], count: 1 };
  }
  return { func_name: "hello", runtime: "Node.js20.15", memory_size: 128 };
}

function iam(req, res, body) {
  count("iam");
  const parsed = JSON.parse(body || "{}");
  const given = parsed?.auth?.identity?.password?.user?.password;
  const kind = pick({ ok: 8, slow: 1, error500: 1, reset: 1, stalled: 1, notJson: 1 });
  if (given !== PASSWORD) {
    res.writeHead(401, jsonHeaders).end(JSON.stringify({ error: { message: "bad password" } }));
    return;
  }
  if (kind === "error500") {
    // An IAM that echoes what it was sent: the password must not reach the client's errors.
    res.writeHead(500, jsonHeaders).end(JSON.stringify({ error: { message: `internal: ${body}` } }));
    return;
  }
  if (kind === "reset") return req.socket.destroy();
  if (kind === "stalled") return res.writeHead(201, { ...jsonHeaders, "content-length": "500" }).write("{");
  if (kind === "notJson") return res.writeHead(201, { "content-type": "text/html" }).end(`<p>${body}</p>`);
  const answer = () => {
    const token = `MIITOKEN${++tokens}x${Math.floor(random() * 1e9)}`;
    validTokens.add(token);
    // The "short" user's tokens live 3 s: refreshed every 1.5 s or so, often while calls wait.
    const life = parsed.auth.identity.password.user.name === "short" ? 3000 : TOKEN_LIFE_MS;
    const expires = new Date(Date.now() + life).toISOString();
    if (!res.destroyed)
      res.writeHead(201, { ...jsonHeaders, "x-subject-token": token }).end(JSON.stringify({ token: { expires_at: expires } }));
  };
  if (kind === "slow") setTimeout(answer, 300 + random() * 900);
  else answer();
}

const server = createServer(async (req, res) => {
  let body = "";
  try {
    for await (const chunk of req) body += chunk;
  } catch {
    return; // the client went away mid-request
  }
  const url = new URL(req.url ?? "/", "http://127.0.0.1");
  if (url.pathname === "/v3/auth/tokens") return iam(req, res, body);
  const token = req.headers["x-auth-token"];
  const auth = req.headers.authorization;
  const behaviour = pick(BEHAVIOURS);
  count(behaviour);
  const echoed = `token=${token ?? ""} auth=${auth ?? ""}`;
  const ok = JSON.stringify(okBody(req, url));
  switch (behaviour) {
    case "ok":
      res.writeHead(200, jsonHeaders).end(ok);
      return;
    case "gzip":
      res.writeHead(200, { ...jsonHeaders, "content-encoding": "gzip" }).end(gzipSync(ok));
      return;
    case "throttled429":
      res
        .writeHead(429, { ...jsonHeaders, "retry-after": random() < 0.1 ? "3600" : random() < 0.5 ? "0" : "0.05" })
        .end(JSON.stringify({ error_code: "APIGW.0308", error_msg: `throttled ${echoed}` }));
      return;
    case "unavailable503":
      res.writeHead(503, { "retry-after": "0.02", "content-type": "text/html" }).end(`<h1>busy</h1> ${echoed}`);
      return;
    case "error500":
      res.writeHead(500, jsonHeaders).end(JSON.stringify({ error_code: "FSS.0500", error_msg: `oops ${echoed}` }));
      return;
    case "slow":
      setTimeout(() => !res.destroyed && res.writeHead(200, jsonHeaders).end(ok), 400 + random() * 400);
      return;
    case "reset":
      req.socket.destroy();
      return;
    case "resetAfterHeaders":
      res.writeHead(200, { ...jsonHeaders, "content-length": String(ok.length) });
      res.flushHeaders();
      setTimeout(() => req.socket.destroy(), 5);
      return;
    case "truncated":
      res.writeHead(200, { ...jsonHeaders, "content-length": String(ok.length + 50) });
      res.write(ok.slice(0, 10));
      setTimeout(() => req.socket.destroy(), 5);
      return;
    case "stalled":
      // Headers and part of the body, then nothing: the client must give up and close the connection.
      res.writeHead(200, { ...jsonHeaders, "content-length": String(ok.length + 50) });
      res.write(ok.slice(0, 10));
      return;
    case "oversized":
      res.writeHead(200, { ...jsonHeaders, "content-length": String(OVERSIZE) }).end(Buffer.alloc(OVERSIZE, 32));
      return;
    case "oversizedChunked":
      res.writeHead(200, jsonHeaders);
      for (let i = 0; i < 12; i++) res.write(Buffer.alloc(OVERSIZE / 8, 32));
      res.end();
      return;
    case "badGzip":
      res.writeHead(200, { ...jsonHeaders, "content-encoding": "gzip" }).end("this is not gzip at all");
      return;
    case "notJson200":
      res.writeHead(200, { "content-type": "text/html" }).end(`<html>proxy page ${echoed}</html>`);
      return;
    case "badJson200":
      res.writeHead(200, jsonHeaders).end(`{"truncated": ${echoed}`);
      return;
    case "echoSecrets4xx":
      res
        .writeHead(400, { ...jsonHeaders, "x-echo": echoed.slice(0, 4000) })
        .end(JSON.stringify({ error_code: "FSS.1001", error_msg: `bad request ${echoed}` }));
      return;
    case "gzipBomb":
      res.writeHead(200, { ...jsonHeaders, "content-encoding": "gzip" }).end(BOMB);
      return;
    case "redirect":
      res.writeHead(307, { location: `http://127.0.0.1:1/elsewhere?${encodeURIComponent(echoed)}` }).end();
      return;
    case "status600":
      res.writeHead(600, jsonHeaders).end(JSON.stringify({ error_code: "FSS.0500", error_msg: "six hundred" }));
      return;
    case "utf8Reason":
      raw(req, `HTTP/1.1 200 成功\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(ok)}\r\n\r\n${ok}`);
      return;
    case "earlyHints":
      res.writeEarlyHints({ link: "</x>; rel=preload" });
      res.writeHead(200, jsonHeaders).end(ok);
      return;
    case "noContent":
      res.writeHead(204).end();
      return;
    case "closeDelimited":
      raw(req, `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\nconnection: close\r\n\r\n${ok}`);
      return;
    case "garbage":
      raw(req, "NOT HTTP AT ALL\r\n\r\n");
      return;
    case "badChunk":
      raw(req, "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n{}\r\n");
      return;
    case "hugeHeader":
      res.writeHead(200, { ...jsonHeaders, "x-huge": "a".repeat(70_000) }).end(ok);
      return;
    case "oddRetryAfter":
      res
        .writeHead(503, {
          ...jsonHeaders,
          "retry-after":
            pick({ date: 1, negative: 1, junk: 1 }) === "date"
              ? new Date(Date.now() + 50).toUTCString()
              : random() < 0.5
                ? "-5"
                : "soon",
        })
        .end(JSON.stringify({ error_code: "FSS.0500", error_msg: "later" }));
      return;
    case "unauthorized":
      // A token refused as revoked (it is dropped by the provider and a new one fetched).
      if (token) validTokens.delete(token);
      res.writeHead(401, jsonHeaders).end(JSON.stringify({ error_code: "APIGW.0301", error_msg: `refused ${echoed}` }));
      return;
  }
});
server.keepAliveTimeout = 2000;
server.listen(0, "127.0.0.1", () => {
  process.send?.({ port: server.address().port });
});
process.on("message", (message) => {
  if (message === "stats") server.getConnections((_, open) => process.send?.({ stats, tokens, open }));
  if (message === "close") {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  }
});
