// openapi-fetch middleware on an fgkit client: it sees each call once (not each attempt), what it
// adds is signed, and it stays with the clients derived from the one it was added to.
import { InvalidInputError } from "@fgkit/helpers";
import type { Middleware } from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { invokeFunction } from "../src/index.js";
import { createObservedClient, URN } from "./helpers.js";

function recorder() {
  const seen: string[] = [];
  const middleware: Middleware = {
    onRequest({ request }) {
      seen.push(`request ${request.method} ${new URL(request.url).pathname}`);
      const traced = new Request(request);
      traced.headers.set("X-Trace-Id", "trace-1");
      return traced;
    },
    onResponse({ response }) {
      seen.push(`response ${response.status}`);
    },
  };
  return { seen, middleware };
}

describe("middleware added with client.use()", () => {
  it("sees each call once, before signing; a header it adds is sent and signed", async () => {
    let answers = 0;
    const { client, requests } = createObservedClient(
      () => (++answers === 1 ? new Response(null, { status: 503 }) : Response.json({})),
      { retry: { baseDelayMs: 1 } },
    );
    const { seen, middleware } = recorder();
    client.use(middleware);
    await client.GET("/v2/{project_id}/fgs/quotas");
    expect(seen).toEqual(["request GET /v2/0123456789abcdef0123456789abcdef/fgs/quotas", "response 200"]);
    expect(requests).toHaveLength(2); // the 503 was retried under the middleware
    for (const request of requests) {
      expect(request.headers.get("x-trace-id")).toBe("trace-1");
      expect(request.headers.get("authorization")).toContain(
        "SignedHeaders=content-type;host;x-project-id;x-sdk-date;x-trace-id,",
      );
    }
  });

  it("applies to clients made with withOptions, before or after they were made, and to invokeFunction", async () => {
    const { client, requests } = createObservedClient(() => Response.json({ result: "{}" }));
    const derivedBefore = client.withOptions({ retry: { maxAttempts: 1 } });
    const { seen, middleware } = recorder();
    client.use(middleware);
    await derivedBefore.GET("/v2/{project_id}/fgs/quotas");
    await client.withOptions({ timeout: { attemptTimeoutMs: 5000 } }).GET("/v2/{project_id}/fgs/quotas");
    await invokeFunction(client, URN, { a: 1 });
    expect(seen.filter((line) => line.startsWith("request"))).toHaveLength(3);
    expect(requests.map((request) => request.headers.get("x-trace-id"))).toEqual(["trace-1", "trace-1", "trace-1"]);

    client.eject(middleware);
    await derivedBefore.GET("/v2/{project_id}/fgs/quotas");
    await invokeFunction(client, URN, { a: 1 });
    expect(seen.filter((line) => line.startsWith("request"))).toHaveLength(3);
    expect(requests[4]?.headers.get("x-trace-id")).toBeNull();
  });

  it("reaches an invokeFunction client made before it was added; one added to a derived client stays there", async () => {
    const { client, requests } = createObservedClient(() => Response.json({ result: "{}" }));
    await invokeFunction(client, URN, {}); // caches invokeFunction's derived client
    const { middleware } = recorder();
    client.use(middleware);
    await invokeFunction(client, URN, {});
    expect(requests.map((request) => request.headers.get("x-trace-id"))).toEqual([null, "trace-1"]);

    const derived = client.withOptions({ retry: { maxAttempts: 1 } });
    const local = recorder();
    derived.use(local.middleware);
    await client.GET("/v2/{project_id}/fgs/quotas");
    await derived.GET("/v2/{project_id}/fgs/quotas");
    expect(local.seen).toEqual(["request GET /v2/0123456789abcdef0123456789abcdef/fgs/quotas", "response 200"]);
    derived.eject(middleware); // not derived's own: the parent's stays
    await client.GET("/v2/{project_id}/fgs/quotas");
    expect(requests.at(-1)?.headers.get("x-trace-id")).toBe("trace-1");
  });

  it("client.request() runs the same checks and middleware as client.GET()", async () => {
    const { client, requests } = createObservedClient();
    const { seen, middleware } = recorder();
    client.use(middleware);
    await client.request("get", "/v2/{project_id}/fgs/quotas");
    expect(seen[0]).toBe("request GET /v2/0123456789abcdef0123456789abcdef/fgs/quotas");
    expect(requests[0]?.headers.get("x-trace-id")).toBe("trace-1");
    await expect(
      client.request("get", "/v2/{project_id}/fgs/quotas", { baseUrl: "https://elsewhere.example" } as never),
    ).rejects.toThrow(/^baseUrl: is not a call option/);
    await expect(client.request("fetch" as never, "/v2/{project_id}/fgs/quotas")).rejects.toThrow(
      "method: must be one of GET, PUT, POST, DELETE, OPTIONS, HEAD, PATCH, TRACE",
    );
    expect(requests).toHaveLength(1);
  });

  it("a call's middleware that is not middleware is refused by name, as a rejection", async () => {
    const { client, requests } = createObservedClient();
    client.use({ onRequest: () => undefined });
    const call = client.GET("/v2/{project_id}/fgs/quotas", { middleware: {} as never });
    await expect(call).rejects.toThrow("middleware: must be an array of middleware");
    await expect(client.GET("/v2/{project_id}/fgs/quotas", { middleware: [{}] as never })).rejects.toThrow(
      "middleware[0]: must be an object with onRequest(), onResponse() or onError()",
    );
    expect(requests).toHaveLength(0);
  });

  it("runs the client's middleware before a call's own", async () => {
    const { client } = createObservedClient();
    const order: string[] = [];
    client.use({ onRequest: () => void order.push("client") });
    await client.GET("/v2/{project_id}/fgs/quotas", { middleware: [{ onRequest: () => void order.push("call") }] });
    expect(order).toEqual(["client", "call"]);
  });

  it("refuses something that is not middleware, naming it", () => {
    const { client } = createObservedClient();
    expect(() => client.use({} as Middleware)).toThrow(InvalidInputError);
    expect(() => client.use({} as Middleware)).toThrow(
      "middleware: must be an object with onRequest(), onResponse() or onError()",
    );
  });

  it("a Request a middleware or a call's Request class points at another host is refused: the credentials never go there", async () => {
    const { client, requests } = createObservedClient(undefined, { credentials: { token: "MIIToken-SECRET" } });
    const elsewhere = (url: string) => url.replace("functiongraph.cn-north-4.myhuaweicloud.com", "collector.example.com");
    client.use({ onRequest: ({ request }) => new Request(elsewhere(request.url), request) });
    const moved = client.GET("/v2/{project_id}/fgs/quotas");
    await expect(moved).rejects.toThrow(InvalidInputError);
    await expect(moved).rejects.toThrow(
      "request.url: is not on the client's endpoint (https://functiongraph.cn-north-4.myhuaweicloud.com/)",
    );
    const { client: plain, requests: plainRequests } = createObservedClient(undefined, {
      credentials: { token: "MIIToken-SECRET" },
    });
    const Redirected = function Request(input: string, init?: RequestInit) {
      return new globalThis.Request(elsewhere(input), init);
    } as unknown as typeof Request;
    await expect(plain.GET("/v2/{project_id}/fgs/quotas", { Request: Redirected } as never)).rejects.toThrow(
      "request.url: is not on",
    );
    expect([...requests, ...plainRequests]).toEqual([]);
    // One that keeps the host (a path or a header of its own) goes as before.
    const { client: kept, requests: keptRequests } = createObservedClient();
    kept.use({ onRequest: ({ request }) => new Request(`${request.url}?traced=1`, request) });
    await kept.GET("/v2/{project_id}/fgs/quotas");
    expect(keptRequests.map((r) => new URL(r.url).search)).toEqual(["?traced=1"]);
  });
});
