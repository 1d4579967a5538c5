import { expect } from "vitest";
import { type ContractCase, contract, notFoundContract, PREFER_404 } from "../support.js";

const TEMPLATE_ID = "8d1f3b5a-7c9e-4a2b-b6d4-0e2f4a6c8b1d";

export const functionTemplatesCases: ContractCase[] = [
  contract(
    "listFunctionTemplate",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/templates", {
        params: { query: { marker: "0", maxitems: "20", ispublic: "true", runtime: "Python3.9" } },
      }),
    (data) => {
      expect(data.func_templates?.length).toBeGreaterThan(0);
      expect(data.func_templates?.[0]?.id).toBe(TEMPLATE_ID);
      expect(data.func_templates?.[0]?.memory_size).toBeTypeOf("number");
      expect(data.next_marker).toBeTypeOf("number");
    },
  ),
  contract(
    "showFunctionTemplate",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/templates/{template_id}", { params: { path: { template_id: TEMPLATE_ID } } }),
    (data) => {
      expect(data.id).toBe(TEMPLATE_ID);
      expect(data.runtime).toBe("Python3.9");
      expect(data.trigger_metadata_list?.[0]?.trigger_type).toBe("TIMER");
    },
  ),
];

export const functionTemplatesError = notFoundContract("showFunctionTemplate", (c) =>
  c.GET("/v2/{project_id}/fgs/templates/{template_id}", { params: { path: { template_id: TEMPLATE_ID } }, headers: PREFER_404 }),
);
