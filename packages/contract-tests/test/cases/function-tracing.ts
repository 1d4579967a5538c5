import { expect } from "vitest";
import { type ContractCase, contract, notFoundContract, PREFER_404, URN } from "../support.js";

export const functionTracingCases: ContractCase[] = [
  contract(
    "showTracing",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/functions/{function_urn}/tracing", { params: { path: { function_urn: URN } } }),
    (data) => {
      expect(data.tracing_ak).toMatch(/^[A-Z0-9]{20}$/);
      // The secret key comes back masked.
      expect(data.tracing_sk).toMatch(/^\*+$/);
    },
  ),
  contract(
    "updateTracing",
    200,
    (c) =>
      c.PUT("/v2/{project_id}/fgs/functions/{function_urn}/tracing", {
        params: { path: { function_urn: URN } },
        body: { tracing_ak: "HPUAK3XQZ7M0RNV5E2TY", tracing_sk: "q8Jx2LmW4vN7pR1sT9yZ3bC6dF0gH5kA8eU2iO4w" },
      }),
    (data) => expect(data).toBeUndefined(),
  ),
];

export const functionTracingError = notFoundContract("showTracing", (c) =>
  c.GET("/v2/{project_id}/fgs/functions/{function_urn}/tracing", {
    params: { path: { function_urn: URN } },
    headers: PREFER_404,
  }),
);
