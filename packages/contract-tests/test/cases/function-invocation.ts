import { expect } from "vitest";
import { type ContractCase, contract, notFoundContract, PREFER_404, URN } from "../support.js";

export const functionInvocationCases: ContractCase[] = [
  contract(
    "invokeFunction",
    200,
    (c) =>
      c.POST("/v2/{project_id}/fgs/functions/{function_urn}/invocations", {
        params: { path: { function_urn: URN }, header: { "X-Cff-Log-Type": "tail" } },
        body: { name: "fgkit" },
      }),
    (data) => expect(data).toBeTypeOf("object"),
  ),
  contract(
    "asyncInvokeFunction",
    202,
    (c) =>
      c.POST("/v2/{project_id}/fgs/functions/{function_urn}/invocations-async", {
        params: { path: { function_urn: URN } },
        body: { name: "fgkit" },
      }),
    (data) => expect(data.request_id).toBeTypeOf("string"),
  ),
];

export const functionInvocationError = notFoundContract("invokeFunction", (c) =>
  c.POST("/v2/{project_id}/fgs/functions/{function_urn}/invocations", {
    params: { path: { function_urn: URN } },
    body: {},
    headers: PREFER_404,
  }),
);
