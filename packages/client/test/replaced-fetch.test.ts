// On Node the default transport sends straight to undici's dispatcher, skipping the global fetch.
// A global fetch the application replaced (a test double, MSW's or nock's interceptor, a polyfill)
// gets fgkit's calls instead, whole: signed, retried, timed out and size-limited as on the direct
// path, so that mocks see them rather than the calls going to the real API.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FunctionGraphError } from "@fgkit/helpers";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createFunctionGraphClient, unwrap } from "../src/index.js";
import { AKSK, PROJECT } from "./helpers.js";

const ENDPOINT = "https://functiongraph.cn-north-4.myhuaweicloud.com";
const QUOTAS = { quotas: { resources: [{ type: "fgs_func_code_size", quota: 10 }] } };

interface Seen {
  url: string;
  method: string;
  headers: Headers;
  body: string | undefined;
}

/** Replaces the global fetch with `answer`, recording what reaches it. */
function replaceFetch(answer: (seen: Seen, signal: AbortSignal | undefined) => Response | Promise<Response>) {
  const seen: Seen[] = [];
  vi.stubGlobal("fetch", async (input: string | URL, init: RequestInit = {}) => {
    const body = init.body ? new TextDecoder().decode(init.body as Uint8Array) : undefined;
    const call = { url: String(input), method: init.method ?? "GET", headers: new Headers(init.headers), body };
    seen.push(call);
    return answer(call, init.signal ?? undefined);
  });
  return seen;
}

const client = (endpoint = ENDPOINT) => createFunctionGraphClient({ endpoint, projectId: PROJECT, credentials: AKSK });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("a global fetch the application replaced", () => {
  it("gets the call, signed, and its answer is the call's", async () => {
    const seen = replaceFetch(() => Response.json(QUOTAS));
    expect(await unwrap(client().GET("/v2/{project_id}/fgs/quotas"))).toEqual(QUOTAS);
    expect(seen).toHaveLength(1);
    const [call] = seen as [Seen];
    expect(call.url).toBe(`${ENDPOINT}/v2/${PROJECT}/fgs/quotas`);
    expect(call.headers.get("authorization")).toMatch(
      new RegExp(
        `^SDK-HMAC-SHA256 Access=${AKSK.ak}, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$`,
      ),
    );
    expect(call.headers.get("x-project-id")).toBe(PROJECT);
    // fetch sets Host from the URL (the host that was signed); fgkit's own User-Agent is the direct path's.
    expect(call.headers.has("host")).toBe(false);
    expect(call.headers.get("user-agent")).toBeNull();
  });

  it("gets a body as the bytes signed", async () => {
    const seen = replaceFetch(() => Response.json({ func_name: "f" }, { status: 200 }));
    const body = {
      func_name: "f",
      package: "default",
      runtime: "Node.js20.15",
      handler: "index.handler",
      memory_size: 128,
      timeout: 3,
    };
    await unwrap(client().POST("/v2/{project_id}/fgs/functions", { body }));
    expect(seen[0]?.method).toBe("POST");
    expect(JSON.parse(seen[0]?.body ?? "")).toEqual(body);
  });

  it("is retried through, and its answers are size-limited and timed out as on the direct path", async () => {
    let calls = 0;
    const seen = replaceFetch(() =>
      ++calls === 1 ? Response.json({ error_code: "FSS.0503" }, { status: 503 }) : Response.json(QUOTAS),
    );
    const retried = client().withOptions({ retry: { baseDelayMs: 1 } });
    expect(await unwrap(retried.GET("/v2/{project_id}/fgs/quotas"))).toEqual(QUOTAS);
    expect(seen).toHaveLength(2);

    const small = client().withOptions({ maxResponseBytes: 10 });
    const tooLarge = await unwrap(small.GET("/v2/{project_id}/fgs/quotas")).catch((error: unknown) => error);
    expect(FunctionGraphError.isInstance(tooLarge) && tooLarge.code).toBe("ResponseTooLarge");

    replaceFetch(
      (_call, signal) =>
        new Promise((_resolve, reject) => signal?.addEventListener("abort", () => reject(signal.reason), { once: true })),
    );
    const quick = client().withOptions({ timeout: { attemptTimeoutMs: 50 }, retry: { maxAttempts: 1 } });
    const timeout = await unwrap(quick.GET("/v2/{project_id}/fgs/quotas")).catch((error: unknown) => error);
    expect(FunctionGraphError.isInstance(timeout) && timeout.code).toBe("Timeout");
  });
});

describe("Node's own fetch in place", () => {
  let server: Server;
  let endpoint = "";
  const agents: (string | undefined)[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      agents.push(req.headers["user-agent"]);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(QUOTAS));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("is skipped: the call goes straight to undici's dispatcher (fgkit's User-Agent), again once a replacement is undone", async () => {
    await unwrap(client(endpoint).GET("/v2/{project_id}/fgs/quotas"));
    const seen = replaceFetch(() => Response.json(QUOTAS));
    await unwrap(client(endpoint).GET("/v2/{project_id}/fgs/quotas"));
    vi.unstubAllGlobals();
    await unwrap(client(endpoint).GET("/v2/{project_id}/fgs/quotas"));
    expect(seen).toHaveLength(1);
    expect(agents).toHaveLength(2);
    for (const agent of agents) expect(agent).toMatch(/^fgkit\//);
  });
});
