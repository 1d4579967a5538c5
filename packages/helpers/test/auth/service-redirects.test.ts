// IAM and the metadata service are asked without following a redirect: a 307 or 308 would send the
// password (or the metadata session token) on to wherever it points, another host included.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FunctionGraphError, fetchEcsAccessKeys, fetchIamToken } from "../../src/index.js";

const PASSWORD = "Pa55word!-redirected";
const SESSION_TOKEN = "metadata-session-token-redirected";

/** What the host a redirect points to was sent. */
let reached: { method: string; path: string; token: unknown; body: string }[] = [];

const elsewhere = createServer((req: IncomingMessage, res: ServerResponse) => {
  let body = "";
  req.on("data", (chunk) => (body += chunk));
  req.on("end", () => {
    reached.push({ method: req.method ?? "", path: req.url ?? "", token: req.headers["x-metadata-token"], body });
    if (req.url === "/v3/auth/tokens")
      return res
        .writeHead(201, { "x-subject-token": "token-from-elsewhere", "content-type": "application/json" })
        .end(JSON.stringify({ token: { expires_at: "2030-01-01T00:00:00Z" } }));
    res.writeHead(200, { "content-type": "application/json" }).end(
      JSON.stringify({
        credential: { access: "AK", secret: "SK", securitytoken: "ST", expires_at: "2030-01-01T00:00:00Z" },
      }),
    );
  });
});

// Hands out a session token, and sends everything else on to `elsewhere` with a 307.
const redirecting = createServer((req: IncomingMessage, res: ServerResponse) => {
  req.resume();
  if (req.method === "PUT" && req.url === "/meta-data/latest/api/token")
    return res.writeHead(200, { "content-type": "text/plain" }).end(SESSION_TOKEN);
  res.writeHead(307, { location: `${url(elsewhere)}${req.url}` }).end();
});

const url = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

beforeAll(async () => {
  for (const server of [elsewhere, redirecting]) await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  for (const server of [elsewhere, redirecting]) {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
});
beforeEach(() => {
  reached = [];
});

describe("credential services that redirect", () => {
  it("fetchIamToken does not follow: the 307 is the error, and the password goes nowhere else", async () => {
    const error = await fetchIamToken({
      iamEndpoint: url(redirecting),
      allowInsecureHttp: true,
      username: "alice",
      password: PASSWORD,
      domainName: "acme",
      projectId: "0123456789abcdef0123456789abcdef",
    }).catch((e: unknown) => e);
    expect(FunctionGraphError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 307, code: "Redirect" });
    expect(reached).toEqual([]);
  });

  it("fetchEcsAccessKeys does not follow: the 307 is the error, and the session token goes nowhere else", async () => {
    const error = await fetchEcsAccessKeys({ endpoint: url(redirecting) }).catch((e: unknown) => e);
    expect(FunctionGraphError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 307, code: "Redirect" });
    expect(JSON.stringify(error)).not.toContain(SESSION_TOKEN);
    expect(reached).toEqual([]);
  });
});
