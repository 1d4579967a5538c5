import { expect } from "vitest";
import { type ContractCase, contract, notFoundContract, PREFER_404, URN } from "../support.js";

const aliasPath = { function_urn: URN, alias_name: "prod" };

export const versionsAndAliasesCases: ContractCase[] = [
  contract(
    "listFunctionVersions",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/functions/{function_urn}/versions", {
        params: { path: { function_urn: URN }, query: { marker: "0", maxitems: "50" } },
      }),
    (data) => {
      expect(data.versions?.length).toBe(2);
      expect(data.versions?.[0]?.func_urn).toMatch(/^urn:fss:/);
      expect(data.versions?.[1]?.version).toBe("v20240520-160812");
      expect(data.count).toBe(2);
      expect(data.next_marker).toBeTypeOf("number");
    },
  ),
  contract(
    "createFunctionVersion",
    200,
    (c) =>
      c.POST("/v2/{project_id}/fgs/functions/{function_urn}/versions", {
        params: { path: { function_urn: URN } },
        body: { version: "v20240520-160812", description: "Retry database writes on timeout" },
      }),
    (data) => {
      expect(data.func_urn).toMatch(/^urn:fss:.*:hello-world:v20240520-160812$/);
      expect(data.version).toBe("v20240520-160812");
      expect(data.memory_size).toBeTypeOf("number");
    },
  ),
  contract(
    "listVersionAliases",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/functions/{function_urn}/aliases", { params: { path: { function_urn: URN } } }),
    (data) => {
      expect(data).toHaveLength(2);
      expect(data[0]?.name).toBe("prod");
      expect(data[0]?.alias_urn).toMatch(/:!prod$/);
      expect(data[0]?.additional_version_weights?.["v20240415-093000"]).toBe(10);
    },
  ),
  contract(
    "createVersionAlias",
    200,
    (c) =>
      c.POST("/v2/{project_id}/fgs/functions/{function_urn}/aliases", {
        params: { path: { function_urn: URN } },
        body: {
          name: "canary",
          version: "v20240415-093000",
          description: "Testers get the new release, everyone else the previous one",
          additional_version_strategy: {
            "v20240520-160812": {
              combine_type: "or",
              rules: [
                { rule_type: "header", param: "x-user-group", op: "in", value: "beta,internal" },
                { rule_type: "cookie", param: "canary", op: "=", value: "true" },
              ],
            },
          },
        },
      }),
    (data) => {
      expect(data.name).toBe("canary");
      expect(data.alias_urn).toMatch(/^urn:fss:.*:!canary$/);
      expect(data.additional_version_strategy?.["v20240520-160812"]?.rules?.length).toBe(2);
    },
  ),
  contract(
    "showVersionAlias",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/functions/{function_urn}/aliases/{alias_name}", { params: { path: aliasPath } }),
    (data) => {
      expect(data.name).toBe("prod");
      expect(data.version).toBe("v20240520-160812");
      expect(data.alias_urn).toMatch(/:!prod$/);
    },
  ),
  contract(
    "updateVersionAlias",
    200,
    (c) =>
      c.PUT("/v2/{project_id}/fgs/functions/{function_urn}/aliases/{alias_name}", {
        params: { path: aliasPath },
        body: {
          version: "v20240520-160812",
          description: "Production traffic",
          additional_version_weights: { "v20240415-093000": 10 },
        },
      }),
    (data) => {
      expect(data.version).toBe("v20240520-160812");
      expect(data.additional_version_weights?.["v20240415-093000"]).toBe(10);
      expect(data.last_modified).toBeTypeOf("string");
    },
  ),
  contract(
    "deleteVersionAlias",
    204,
    (c) => c.DELETE("/v2/{project_id}/fgs/functions/{function_urn}/aliases/{alias_name}", { params: { path: aliasPath } }),
    (data) => expect(data).toBeUndefined(),
  ),
];

export const versionsAndAliasesError = notFoundContract("showVersionAlias", (c) =>
  c.GET("/v2/{project_id}/fgs/functions/{function_urn}/aliases/{alias_name}", {
    params: { path: { function_urn: URN, alias_name: "staging" } },
    headers: PREFER_404,
  }),
);
