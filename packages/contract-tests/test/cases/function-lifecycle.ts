import { expect } from "vitest";
import { type ContractCase, contract, notFoundContract, PREFER_404, URN } from "../support.js";

const tagsPath = { resource_type: "functions", resource_id: "8f3b2c1a-5d6e-4f70-9a8b-0c1d2e3f4a5b" };

export const functionLifecycleCases: ContractCase[] = [
  contract(
    "listFunctions",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/functions", { params: { query: { maxitems: "10" } } }),
    (data) => {
      expect(data.functions?.length).toBeGreaterThan(0);
      expect(data.functions?.[0]?.func_urn).toMatch(/^urn:fss:/);
      expect(typeof data.count).toBe("number");
    },
  ),
  contract(
    "createFunction",
    200,
    (c) =>
      c.POST("/v2/{project_id}/fgs/functions", {
        body: {
          func_name: "hello-world",
          package: "default",
          runtime: "Node.js18.15",
          handler: "index.handler",
          memory_size: 256,
          timeout: 30,
          code_type: "inline",
          func_code: { file: "ZXhwb3J0cy5oYW5kbGVyID0gYXN5bmMgKCkgPT4gKHsgc3RhdHVzQ29kZTogMjAwIH0pOw==" },
        },
      }),
    (data) => {
      expect(data.func_urn).toMatch(/^urn:fss:/);
      expect(data.func_name).toBeTypeOf("string");
    },
  ),
  contract(
    "deleteFunction",
    204,
    (c) => c.DELETE("/v2/{project_id}/fgs/functions/{function_urn}", { params: { path: { function_urn: URN } } }),
    (data) => {
      expect(data).toBeUndefined();
    },
  ),
  contract(
    "showFunctionCode",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/functions/{function_urn}/code", { params: { path: { function_urn: URN } } }),
    (data) => {
      expect(data.func_urn).toMatch(/^urn:fss:/);
      expect(data.code_type).toBeTypeOf("string");
    },
  ),
  contract(
    "updateFunctionCode",
    200,
    (c) =>
      c.PUT("/v2/{project_id}/fgs/functions/{function_urn}/code", {
        params: { path: { function_urn: URN } },
        body: { code_type: "inline", func_code: { file: "ZXhwb3J0cy5oYW5kbGVyID0gYXN5bmMgKCkgPT4gMTs=" } },
      }),
    (data) => expect(data.func_urn).toMatch(/^urn:fss:/),
  ),
  contract(
    "showFunctionConfig",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/functions/{function_urn}/config", { params: { path: { function_urn: URN } } }),
    (data) => {
      expect(data.func_name).toBeTypeOf("string");
      expect(data.memory_size).toBeTypeOf("number");
    },
  ),
  contract(
    "updateFunctionConfig",
    200,
    (c) =>
      c.PUT("/v2/{project_id}/fgs/functions/{function_urn}/config", {
        params: { path: { function_urn: URN } },
        body: { func_name: "hello-world", runtime: "Node.js18.15", handler: "index.handler", memory_size: 512, timeout: 60 },
      }),
    (data) => expect(data.func_urn).toMatch(/^urn:fss:/),
  ),
  contract(
    "updateFunctionMaxInstanceConfig",
    200,
    (c) =>
      c.PUT("/v2/{project_id}/fgs/functions/{function_urn}/config-max-instance", {
        params: { path: { function_urn: URN } },
        body: { max_instance_num: 100 },
      }),
    (data) => expect(data.func_urn).toMatch(/^urn:fss:/),
  ),
  contract(
    "listFunctionTags",
    200,
    (c) => c.GET("/v2/{project_id}/{resource_type}/{resource_id}/tags", { params: { path: tagsPath } }),
    (data) => {
      expect(Array.isArray(data.tags)).toBe(true);
    },
  ),
  contract(
    "createTags",
    204,
    (c) =>
      c.POST("/v2/{project_id}/{resource_type}/{resource_id}/tags/create", {
        params: { path: tagsPath },
        body: { tags: [{ key: "env", value: "prod" }] },
      }),
    (data) => expect(data).toBeUndefined(),
  ),
  contract(
    "deleteTags",
    204,
    (c) =>
      c.DELETE("/v2/{project_id}/{resource_type}/{resource_id}/tags/delete", {
        params: { path: tagsPath },
        body: { tags: [{ key: "env", value: "prod" }] },
      }),
    (data) => expect(data).toBeUndefined(),
  ),
  contract(
    "showProjectTagsList",
    200,
    (c) => c.GET("/v2/{project_id}/{resource_type}/tags", { params: { path: { resource_type: "functions" } } }),
    (data) => {
      expect(Array.isArray(data.tags)).toBe(true);
    },
  ),
  contract(
    "showResInstanceInfo",
    200,
    (c) =>
      c.POST("/v2/{project_id}/{resource_type}/resource-instances/{action}", {
        params: { path: { resource_type: "functions", action: "filter" } },
        body: { limit: "10", offset: "0", matches: [{ key: "resource_name", value: "hello" }] },
      }),
    (data) => expect(data.total_count).toBeTypeOf("number"),
  ),
  contract(
    "updateFuncSnapshot",
    200,
    (c) =>
      c.POST("/v2/{project_id}/fgs/functions/{function_urn}/snapshots/{action}", {
        params: { path: { function_urn: URN, action: "enable" } },
      }),
    (data) => expect(data).toBeUndefined(),
  ),
  contract(
    "showFuncSnapshotState",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/functions/{function_urn}/snapshots/{action}", {
        params: { path: { function_urn: URN, action: "state" } },
      }),
    (data) => expect(data).toBeTypeOf("object"),
  ),
  contract(
    "listBridgeFunctions",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/functions/{function_urn}/servicebridge/relation", { params: { path: { function_urn: URN } } }),
    (data) => expect(Array.isArray(data)).toBe(true),
  ),
  contract(
    "listBridgeVersions",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/servicebridge/version", { params: { query: { type: "rds" } } }),
    (data) => {
      expect(Array.isArray(data)).toBe(true);
    },
  ),
  contract(
    "updateFunctionCollectState",
    200,
    (c) =>
      c.PUT("/v2/{project_id}/fgs/functions/{func_urn}/collect/{state}", { params: { path: { func_urn: URN, state: "true" } } }),
    (data) => expect(data).toBeUndefined(),
  ),
];

export const functionLifecycleError = notFoundContract("showFunctionConfig", (c) =>
  c.GET("/v2/{project_id}/fgs/functions/{function_urn}/config", { params: { path: { function_urn: URN } }, headers: PREFER_404 }),
);
