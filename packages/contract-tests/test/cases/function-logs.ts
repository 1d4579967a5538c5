import { expect } from "vitest";
import { type ContractCase, contract, notFoundContract, PREFER_404, URN } from "../support.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const functionLogsCases: ContractCase[] = [
  contract(
    "enableLtsLogs",
    200,
    (c) => c.POST("/v2/{project_id}/fgs/functions/enable-lts-logs"),
    (data) => expect(data).toBeUndefined(),
  ),
  contract(
    "showLtsLogDetails",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/functions/{function_urn}/lts-log-detail", { params: { path: { function_urn: URN } } }),
    (data) => {
      expect(data.group_id).toMatch(UUID);
      expect(data.stream_id).toMatch(UUID);
      expect(data.group_name).toMatch(/^functiongraph/);
    },
  ),
  contract(
    "enableAsyncStatusLog",
    200,
    (c) => c.POST("/v2/{project_id}/fgs/functions/enable-async-status-logs"),
    (data) => expect(data).toBeUndefined(),
  ),
  contract(
    "showProjectAsyncStatusLogInfo",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/functions/async-status-log-detail"),
    (data) => {
      expect(data.group_id).toMatch(UUID);
      expect(data.stream_id).toMatch(UUID);
      expect(data.stream_name).toBeTypeOf("string");
    },
  ),
];

export const functionLogsError = notFoundContract("showLtsLogDetails", (c) =>
  c.GET("/v2/{project_id}/fgs/functions/{function_urn}/lts-log-detail", {
    params: { path: { function_urn: URN } },
    headers: PREFER_404,
  }),
);
