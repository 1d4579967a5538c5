import { describe, expect, it } from "vitest";
import { groups } from "./cases/index.js";
import { mockClient, specOperations } from "./support.js";

for (const [group, { cases, error }] of Object.entries(groups)) {
  describe(group, () => {
    for (const c of cases)
      it(`${c.operationId} answers 2xx with typed data and no spec violation`, async () => {
        const { client, exchanges } = mockClient();
        await c.run(client, exchanges);
      });
    it(`has an error path (${error?.operationId ?? "missing"}) answering a documented 404 with the typed error body`, async () => {
      expect(error, `no error case for ${group}`).toBeDefined();
      const { client, exchanges } = mockClient();
      await error?.run(client, exchanges);
    });
  });
}

describe("coverage", () => {
  it("calls every operation of the spec exactly once through the typed client", () => {
    const called = Object.values(groups).flatMap(({ cases }) => cases.map((c) => c.operationId));
    expect(new Set(called).size).toBe(called.length);
    const inSpec = specOperations().map((op) => op.operationId);
    expect(called.filter((id) => !inSpec.includes(id))).toEqual([]);
    expect(inSpec.filter((id) => !called.includes(id)).sort()).toEqual([]);
  });
});
