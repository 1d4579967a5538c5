// The loopback server, run in its own process so its work does not share the clients' event loop.
// Every ListFunctions call gets the fixed small answer; with `maxitems` it pages through a list of
// `--total` functions by marker (the memory row). A request without a signature is refused.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { functionInfo, LIST_PATH, SMALL_LIST } from "./fixture.js";

const total = Number(process.argv[2] ?? 100_000);
// For the harness's own test: answers that every client must reject.
const wrong = process.argv.includes("--wrong-answers");

const server = createServer((req, res) => {
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  const path = query < 0 ? url : url.slice(0, query);
  // Bodies are not expected; drain anything sent so the connection stays usable.
  req.resume();
  if (req.method !== "GET" || path !== LIST_PATH || !req.headers.authorization?.startsWith("SDK-HMAC-SHA256 Access=")) {
    res.writeHead(400, { "content-type": "application/json" });
    res.end(JSON.stringify({ error_code: "BENCH.0400", error_msg: `unexpected ${req.method} ${path}` }));
    return;
  }
  const body = wrong ? '{"functions":[],"count":0}' : query < 0 ? SMALL_LIST : page(new URLSearchParams(url.slice(query + 1)));
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
});

function page(params: URLSearchParams): string {
  const size = Number(params.get("maxitems") ?? 400);
  const start = Number(params.get("marker") ?? 0);
  const end = Math.min(total, start + size);
  const functions = [];
  for (let i = start; i < end; i++) functions.push(functionInfo(i));
  return JSON.stringify({ functions, next_marker: end < total ? end : undefined, count: total });
}

// Keep idle keep-alive sockets open between runs, so no run pays for reconnecting.
server.keepAliveTimeout = 120_000;
server.headersTimeout = 130_000;
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.send?.({ type: "listening", url: `http://127.0.0.1:${port}` });
});
process.on("disconnect", () => process.exit(0));
