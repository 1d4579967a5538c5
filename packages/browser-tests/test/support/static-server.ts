// A tiny loopback HTTP server for pages built in memory. http://127.0.0.1 is a secure context,
// so pages served from it get Web Crypto (crypto.subtle) like an https: site.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface StaticFile {
  type: string;
  body: string | Uint8Array;
  /** 200 unless given (e.g. a 307 with a `location` header). */
  status?: number;
  headers?: Record<string, string>;
}

export interface StaticServer {
  url: string;
  /** Every path asked for, in order, with the status answered. */
  requests: { path: string; status: number }[];
  close(): Promise<void>;
}

export async function serveStatic(files: Record<string, StaticFile>): Promise<StaticServer> {
  const requests: StaticServer["requests"] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    const file = files[path];
    const status = file ? (file.status ?? 200) : 404;
    requests.push({ path, status });
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(status, { "content-type": file.type, "cache-control": "no-store", ...file.headers }).end(file.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
