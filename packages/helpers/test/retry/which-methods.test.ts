// Which methods a 503 sends again by default: the idempotent ones only. PATCH is not one (a patch
// that appends, or a JSON Patch "add", would be applied twice).
import { describe, expect, it } from "vitest";
import { type FetchLike, withRetry } from "../../src/index.js";

function unavailable() {
  let calls = 0;
  const transport: FetchLike = async () => {
    calls++;
    return Response.json({ error_code: "FSS.0503" }, { status: 503 });
  };
  return { transport, calls: () => calls };
}

describe("a 503 with the default policy", () => {
  for (const [method, sends] of [
    ["GET", 3],
    ["PUT", 3],
    ["DELETE", 3],
    ["PATCH", 1],
    ["POST", 1],
  ] as const) {
    it(`${method} is sent ${sends} time(s)`, async () => {
      const { transport, calls } = unavailable();
      const response = await withRetry(transport, { random: () => 0 })(
        new Request("https://fg.example.com/v2/p/fgs/functions/f", { method, body: method === "GET" ? null : "{}" }),
      );
      expect(response.status).toBe(503);
      expect(calls()).toBe(sends);
    });
  }
});
