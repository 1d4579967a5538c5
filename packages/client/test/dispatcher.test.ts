// A call's own `dispatcher` (an undici Agent, a proxy, a MockAgent) is used on the default transport
// too, as Node's fetch uses it, and not only when the client is given Node's fetch.
import { MockAgent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { createFunctionGraphClient } from "../src/index.js";
import { AKSK, PROJECT } from "./helpers.js";

const ENDPOINT = "https://functiongraph.cn-north-4.myhuaweicloud.com";
const LIST = `/v2/${PROJECT}/fgs/functions`;

const agents: MockAgent[] = [];
afterEach(async () => {
  await Promise.all(agents.splice(0).map((agent) => agent.close()));
});

/** A MockAgent that answers one list call and records its headers. */
function answeringAgent(functions: unknown[]) {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agents.push(agent);
  const seen: Record<string, string>[] = [];
  agent
    .get(ENDPOINT)
    .intercept({ path: (path) => path.startsWith(LIST), method: "GET" })
    .reply(200, (options) => {
      seen.push(options.headers as Record<string, string>);
      return { functions, next_marker: 0, count: functions.length };
    });
  return { agent, seen };
}

describe("a call's dispatcher", () => {
  const client = createFunctionGraphClient({ region: "cn-north-4", projectId: PROJECT, credentials: AKSK });

  it("sends the call through it on the default transport", async () => {
    const { agent, seen } = answeringAgent([{ func_name: "through-the-agent" }]);
    const { data, error } = await client.GET("/v2/{project_id}/fgs/functions", { dispatcher: agent });
    expect(error).toBeUndefined();
    expect(data?.functions?.[0]?.func_name).toBe("through-the-agent");
    expect(seen).toHaveLength(1);
    // Signed as any other call.
    expect(Object.keys(seen[0] ?? {}).map((name) => name.toLowerCase())).toContain("authorization");
  });

  it("is used when middleware makes the client build a Request", async () => {
    const withMiddleware = createFunctionGraphClient({ region: "cn-north-4", projectId: PROJECT, credentials: AKSK });
    withMiddleware.use({ onRequest: () => undefined });
    const { agent, seen } = answeringAgent([{ func_name: "after-middleware" }]);
    const { data } = await withMiddleware.GET("/v2/{project_id}/fgs/functions", { dispatcher: agent });
    expect(data?.functions?.[0]?.func_name).toBe("after-middleware");
    expect(seen).toHaveLength(1);
  });

  it("is used when a middleware puts a Request of its own in place of the call's, as fetch uses it", async () => {
    const replacing = createFunctionGraphClient({ region: "cn-north-4", projectId: PROJECT, credentials: AKSK });
    replacing.use({ onRequest: ({ request }) => new Request(request, { headers: { "x-added": "1" } }) });
    const { agent, seen } = answeringAgent([{ func_name: "after-a-new-request" }]);
    const { data } = await replacing.GET("/v2/{project_id}/fgs/functions", { dispatcher: agent });
    expect(data?.functions?.[0]?.func_name).toBe("after-a-new-request");
    expect(seen[0]?.["x-added"]).toBe("1");
    // A call's own middleware too, on a client without any.
    const { agent: second, seen: seenBySecond } = answeringAgent([{ func_name: "own-middleware" }]);
    const own = await client.GET("/v2/{project_id}/fgs/functions", {
      dispatcher: second,
      middleware: [{ onRequest: ({ request }) => new Request(request) }],
    });
    expect(own.data?.functions?.[0]?.func_name).toBe("own-middleware");
    expect(seenBySecond).toHaveLength(1);
  });

  it("is used for every attempt of a retried call", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agents.push(agent);
    const pool = agent.get(ENDPOINT);
    pool.intercept({ path: (path) => path.startsWith(LIST), method: "GET" }).reply(503, { error_code: "FSS.0500" });
    pool
      .intercept({ path: (path) => path.startsWith(LIST), method: "GET" })
      .reply(200, { functions: [{ func_name: "second-attempt" }], next_marker: 0, count: 1 });
    const retrying = client.withOptions({ retry: { baseDelayMs: 1 } });
    const { data } = await retrying.GET("/v2/{project_id}/fgs/functions", { dispatcher: agent });
    expect(data?.functions?.[0]?.func_name).toBe("second-attempt");
    agent.assertNoPendingInterceptors();
  });
});
