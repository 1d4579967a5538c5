import { fileURLToPath } from "node:url";
import { startPrism } from "@fgkit/mock";
import { describe, expect, it } from "vitest";
import { expectNoViolations, mockClient, URN } from "./support.js";

describe("the Prism mock", () => {
  // Prism answers an invalid request with 422, or with the operation's own documented 400 when
  // there is one (every FunctionGraph operation documents 400), listing what was wrong.
  it("validates requests: a body missing required fields is refused, with the reasons", async () => {
    const { client, exchanges } = mockClient();
    const { data, error, response } = await client.POST("/v2/{project_id}/fgs/functions", {
      // Deliberately wrong: the types would refuse this body, so cast past them.
      body: { func_name: "no-runtime-or-handler" } as never,
    });
    expect(data).toBeUndefined();
    expect(response.status).toBe(400);
    expect(error).toMatchObject({ error_code: "FSS.0400" });
    expect(exchanges[0]?.violations).toMatch(/Request body must have required property 'runtime'/);
  });

  // The documented ranges are schema keywords, so the mock refuses what the API would.
  it("validates requests: a value outside its documented range is refused, naming the field", async () => {
    const { client, exchanges } = mockClient();
    const { response } = await client.PUT("/v2/{project_id}/fgs/functions/{function_urn}/config", {
      params: { path: { function_urn: URN } },
      body: {
        func_name: "hello-world",
        runtime: "Node.js18.15",
        handler: "index.handler",
        timeout: 60,
        memory_size: 64,
        strategy_config: { concurrency: 1001, concurrent_num: 1 },
      },
    });
    expect(response.status).toBe(400);
    expect(exchanges[0]?.violations).toMatch(/memory_size.*must be >= 128/);
    expect(exchanges[0]?.violations).toMatch(/concurrency.*must be <= 1000/);
  });

  it("reports a response that breaks the spec, and expectExchange fails on it", async () => {
    const broken = await startPrism(fileURLToPath(new URL("./fixtures/broken-example.json", import.meta.url)));
    try {
      const response = await fetch(`${broken.url}/things`);
      const violations = response.headers.get("sl-violations");
      expect(violations).toMatch(/count/);
      const exchange = { method: "GET", url: new URL(`${broken.url}/things`), status: response.status, violations };
      expect(() => expectNoViolations(exchange)).toThrow(/Prism reported violations/);
    } finally {
      await broken.close();
    }
  });
});
