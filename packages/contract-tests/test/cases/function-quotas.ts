import { expect } from "vitest";
import { type ContractCase, contract, notFoundContract, PREFER_404 } from "../support.js";

export const functionQuotasCases: ContractCase[] = [
  contract(
    "listQuotas",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/quotas"),
    (data) => {
      expect(data.quotas?.resources?.length).toBeGreaterThan(0);
    },
  ),
];

export const functionQuotasError = notFoundContract("listQuotas", (c) =>
  c.GET("/v2/{project_id}/fgs/quotas", { headers: PREFER_404 }),
);
