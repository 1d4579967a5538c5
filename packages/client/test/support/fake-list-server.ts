import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeRequest {
  method: string;
  url: URL;
  body: Record<string, unknown> | undefined;
}

/** A loopback HTTP server whose JSON answers come from `answer`; it records every request. */
export async function startFakeServer(answer: (request: FakeRequest) => unknown) {
  const requests: FakeRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const text = await readAll(req);
    const request = {
      method: req.method ?? "GET",
      url: new URL(req.url ?? "/", "http://localhost"),
      body: text ? JSON.parse(text) : undefined,
    };
    requests.push(request);
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(answer(request)));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readAll(req: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text;
}
