// fetchEcsAccessKeys against a stand-in for the ECS metadata service, in both of its modes: the
// token-guarded one (a session token first) and the older one without it.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAccessKeyProvider, FunctionGraphError, fetchEcsAccessKeys } from "../../src/index.js";

const SESSION_TOKEN = "metadata-session-token-42";
const CREDENTIAL = {
  access: "TEMPAKECS",
  secret: "ecs-temporary-secret",
  securitytoken: "ecs-security-token",
  expires_at: "2026-12-01T10:00:00.000000Z",
};

type Mode = "guarded" | "legacy" | "no-agency" | "malformed" | "hang" | "token-error";
let mode: Mode = "guarded";
let requests: { method: string; path: string; ttl: unknown; token: unknown }[] = [];
let base = "";
const service = createServer((req: IncomingMessage, res: ServerResponse) => {
  const path = req.url ?? "/";
  requests.push({
    method: req.method ?? "",
    path,
    ttl: req.headers["x-metadata-token-ttl-seconds"],
    token: req.headers["x-metadata-token"],
  });
  const json = (status: number, body: unknown) =>
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  if (mode === "hang") return;
  if (path === "/meta-data/latest/api/token") {
    if (req.method !== "PUT") return json(405, {});
    if (mode === "legacy") return res.writeHead(404).end();
    if (mode === "token-error") return json(500, { error_msg: "metadata service failure" });
    return res.writeHead(200, { "content-type": "text/plain" }).end(SESSION_TOKEN);
  }
  if (path === "/openstack/latest/securitykey") {
    if (mode === "no-agency") return res.writeHead(401).end("Please configure Cloud Service Agency first");
    if (mode === "guarded" && req.headers["x-metadata-token"] !== SESSION_TOKEN) return res.writeHead(401).end("token required");
    if (mode === "malformed") return json(200, { credential: { access: CREDENTIAL.access, secret: CREDENTIAL.secret } });
    return json(200, { credential: CREDENTIAL });
  }
  json(404, {});
});

beforeAll(async () => {
  await new Promise<void>((resolve) => service.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      service.close(() => resolve());
      service.closeAllConnections();
    }),
);
beforeEach(() => {
  mode = "guarded";
  requests = [];
});

const KEYS = {
  ak: CREDENTIAL.access,
  sk: CREDENTIAL.secret,
  securityToken: CREDENTIAL.securitytoken,
  expiresAt: new Date(CREDENTIAL.expires_at),
};

/** The error, and everything it would print or serialise: no key, no session token in it. */
async function failureOf(call: Promise<unknown>): Promise<FunctionGraphError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(FunctionGraphError.isInstance(error)).toBe(true);
  const everything = `${(error as Error).message} ${JSON.stringify(error)}`;
  for (const secret of [CREDENTIAL.secret, CREDENTIAL.securitytoken, SESSION_TOKEN]) expect(everything).not.toContain(secret);
  return error as FunctionGraphError;
}

describe("fetchEcsAccessKeys", () => {
  it("asks for a session token, then the keys with it", async () => {
    const keys = await fetchEcsAccessKeys({ endpoint: base });
    expect(keys).toEqual(KEYS);
    // Printed or logged, the SK and the security token are redacted.
    const printed = `${JSON.stringify(keys)} ${inspect(keys, { showHidden: true, depth: 9 })}`;
    for (const secret of [CREDENTIAL.secret, CREDENTIAL.securitytoken]) expect(printed).not.toContain(secret);
    expect(printed).toContain(keys.ak);
    expect(requests).toEqual([
      { method: "PUT", path: "/meta-data/latest/api/token", ttl: "21600", token: undefined },
      { method: "GET", path: "/openstack/latest/securitykey", ttl: undefined, token: SESSION_TOKEN },
    ]);
  });

  it("asks without a token where the service has no token path (404)", async () => {
    mode = "legacy";
    expect(await fetchEcsAccessKeys({ endpoint: base })).toEqual(KEYS);
    expect(requests.map((request) => [request.method, request.token])).toEqual([
      ["PUT", undefined],
      ["GET", undefined],
    ]);
  });

  it("an ECS without an agency: the service's 401 and its words", async () => {
    mode = "no-agency";
    const error = await failureOf(fetchEcsAccessKeys({ endpoint: base }));
    expect(error.status).toBe(401);
    expect(error.message).toContain("Please configure Cloud Service Agency first");
  });

  it("a failing token request is an error, not an unguarded retry", async () => {
    mode = "token-error";
    const error = await failureOf(fetchEcsAccessKeys({ endpoint: base }));
    expect(error).toMatchObject({ status: 500 });
    expect(requests).toHaveLength(1);
  });

  it("an answer without every key field is InvalidResponseBody, and leaves the body out", async () => {
    mode = "malformed";
    const error = await failureOf(fetchEcsAccessKeys({ endpoint: base }));
    expect(error).toMatchObject({ status: 200, code: "InvalidResponseBody" });
  });

  it("a session token answer that no header can carry is InvalidResponseBody, not a TypeError quoting it", async () => {
    const page = `<html>\n<body>${SESSION_TOKEN}</body></html>`; // something else answers at that address
    const asked: string[] = [];
    const error = await failureOf(
      fetchEcsAccessKeys({
        fetch: async (request) => {
          asked.push(request.method);
          return new Response(request.method === "PUT" ? page : "{}");
        },
      }),
    );
    expect(error).toMatchObject({
      status: 200,
      code: "InvalidResponseBody",
      message: "PUT /meta-data/latest/api/token: the metadata service answered with something other than a session token",
    });
    expect(asked).toEqual(["PUT"]);
  });

  it("reads an expires_at without a zone in UTC, not in this host's time zone", async () => {
    const zone = process.env.TZ;
    process.env.TZ = "Asia/Shanghai";
    try {
      const keys = await fetchEcsAccessKeys({
        fetch: async (request) =>
          request.method === "PUT"
            ? new Response(null, { status: 404 })
            : Response.json({ credential: { ...CREDENTIAL, expires_at: "2026-12-01T10:00:00.000000" } }),
      });
      expect(keys.expiresAt.toISOString()).toBe("2026-12-01T10:00:00.000Z");
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("gives up after timeoutMs, and at the caller's signal", async () => {
    mode = "hang";
    const late = await failureOf(fetchEcsAccessKeys({ endpoint: base, timeoutMs: 50 }));
    expect(late).toMatchObject({
      code: "Timeout",
      message: "PUT /meta-data/latest/api/token: no answer from the ECS metadata service within 50 ms",
    });

    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("shutting down")), 20);
    const stopped = await failureOf(fetchEcsAccessKeys({ endpoint: base, signal: controller.signal }));
    expect(stopped.code).toBe("Aborted");
    // On a loaded machine the abandoned requests may reach the stand-in late: let them land here
    // rather than in the next test's count.
    await new Promise((resolve) => setTimeout(resolve, 300));
  });

  it("says why the service gave no answer (off an ECS, no route to it)", async () => {
    const unreachable = Object.assign(new Error("connect EHOSTUNREACH 169.254.169.254:80"), { code: "EHOSTUNREACH" });
    const error = await failureOf(
      fetchEcsAccessKeys({
        fetch: async () => {
          throw new TypeError("fetch failed", { cause: unreachable });
        },
      }),
    );
    expect(error).toMatchObject({
      code: "NetworkError",
      message:
        "PUT /meta-data/latest/api/token: no response from the ECS metadata service (EHOSTUNREACH: connect EHOSTUNREACH 169.254.169.254:80): is this an ECS?",
    });
  });

  it("feeds createAccessKeyProvider, which caches the keys", async () => {
    const provider = createAccessKeyProvider({
      fetchKeys: ({ signal }) => fetchEcsAccessKeys({ endpoint: base, signal }),
      now: () => Date.parse("2026-12-01T09:00:00Z"),
    });
    expect(await provider()).toEqual(KEYS);
    const asked = requests.length; // the token and the keys (a connection the stand-in closed may add a resend)
    expect(requests.filter((r) => r.path === "/openstack/latest/securitykey")).toHaveLength(1);
    expect(provider()).toEqual(KEYS); // from the cache, without a promise
    expect(requests).toHaveLength(asked);
  });

  it("refuses a bad endpoint or timeout before sending anything", async () => {
    await expect(fetchEcsAccessKeys({ endpoint: "ftp://169.254.169.254" })).rejects.toThrow("endpoint: must be https:");
    await expect(fetchEcsAccessKeys({ endpoint: base, timeoutMs: -1 })).rejects.toThrow("timeoutMs: ");
    expect(requests).toEqual([]);
  });
});
