import { expect } from "vitest";
import { type ContractCase, contract, notFoundContract, PREFER_404 } from "../support.js";

const DEPEND_ID = "2b2a6d8e-4c5f-4f43-9a6e-0d3c1b7e9f21";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const dependenciesCases: ContractCase[] = [
  contract(
    "listDependencies",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/dependencies", {
        params: { query: { marker: "0", maxitems: "50", dependency_type: "private", runtime: "Python3.9" } },
      }),
    (data) => {
      expect(data.dependencies?.length).toBeGreaterThan(0);
      expect(data.dependencies?.[0]?.id).toMatch(UUID);
      expect(data.dependencies?.[0]?.runtime).toBe("Python3.9");
      expect(data.count).toBeTypeOf("number");
    },
  ),
  contract(
    "createDependencyVersion",
    200,
    (c) =>
      c.POST("/v2/{project_id}/fgs/dependencies/version", {
        body: {
          depend_type: "obs",
          depend_link: "https://fgs-deps-demo.obs.cn-north-4.myhuaweicloud.com/python/requests-2.31.zip",
          runtime: "Python3.9",
          name: "python-requests",
          description: "requests 2.31 and its dependencies",
        },
      }),
    (data) => {
      expect(data.id).toMatch(UUID);
      expect(data.dep_id).toMatch(UUID);
      expect(data.name).toBe("python-requests");
      expect(data.version).toBeTypeOf("number");
    },
  ),
  contract(
    "listDependencyVersion",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/dependencies/{depend_id}/version", {
        params: { path: { depend_id: DEPEND_ID }, query: { marker: "0", maxitems: "20" } },
      }),
    (data) => {
      expect(data.dependencies?.length).toBeGreaterThan(0);
      expect(data.dependencies?.[0]?.dep_id).toBe(DEPEND_ID);
      expect(data.dependencies?.[0]?.version).toBeTypeOf("number");
      expect(data.dependencies?.[0]?.is_shared).toBeTypeOf("boolean");
    },
  ),
  contract(
    "showDependencyVersion",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/dependencies/{depend_id}/version/{version}", {
        params: { path: { depend_id: DEPEND_ID, version: "1" } },
      }),
    (data) => {
      expect(data.dep_id).toBe(DEPEND_ID);
      expect(data.version).toBe(1);
      expect(data.download_link).toMatch(/^https:\/\//);
    },
  ),
  contract(
    "deleteDependencyVersion",
    204,
    (c) =>
      c.DELETE("/v2/{project_id}/fgs/dependencies/{depend_id}/version/{version}", {
        params: { path: { depend_id: DEPEND_ID, version: "2" } },
      }),
    (data) => expect(data).toBeUndefined(),
  ),
];

export const dependenciesError = notFoundContract("showDependencyVersion", (c) =>
  c.GET("/v2/{project_id}/fgs/dependencies/{depend_id}/version/{version}", {
    params: { path: { depend_id: DEPEND_ID, version: "9" } },
    headers: PREFER_404,
  }),
);
