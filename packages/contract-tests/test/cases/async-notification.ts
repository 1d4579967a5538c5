import { expect } from "vitest";
import { type ContractCase, contract, notFoundContract, PREFER_404, URN } from "../support.js";

const REQUEST_ID = "403fcbd6-ec41-401f-9fa7-386f3d3d5e2a";
const urnPath = { function_urn: URN };

export const asyncNotificationCases: ContractCase[] = [
  contract(
    "listActiveAsyncInvocations",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/functions/{function_urn}/active-async-invocations", {
        params: {
          path: urnPath,
          query: {
            marker: "0",
            limit: "100",
            status: "RUNNING",
            query_begin_time: "2024-05-20T07:00:00Z",
            query_end_time: "2024-05-20T08:00:00Z",
          },
        },
      }),
    (data) => {
      expect(data.invocations).toHaveLength(2);
      expect(data.invocations?.[0]?.status).toBe("RUNNING");
      expect(data.invocations?.[0]?.request_id).toBe("1167bf8c-87b0-43ab-8f5f-26b16c64f252");
      expect(data.count).toBe(2);
    },
  ),
  contract(
    "listAsyncInvocations",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/functions/{function_urn}/async-invocations", {
        params: { path: urnPath, query: { request_id: REQUEST_ID, limit: "10" } },
      }),
    (data) => {
      expect(data.invocations?.[0]?.request_id).toBe(REQUEST_ID);
      expect(data.invocations?.[0]?.status).toBe("SUCCESS");
      expect(data.invocations?.[1]?.error_code).toBe(4208);
      expect(data.next_marker).toBeTypeOf("number");
    },
  ),
  contract(
    "showFunctionAsyncInvokeConfig",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/functions/{function_urn}/async-invoke-config", { params: { path: urnPath } }),
    (data) => {
      expect(data.func_urn).toBe(URN);
      expect(data.max_async_event_age_in_seconds).toBe(3600);
      expect(data.destination_config?.on_failure?.destination).toBe("OBS");
    },
  ),
  contract(
    "updateFunctionAsyncInvokeConfig",
    200,
    (c) =>
      c.PUT("/v2/{project_id}/fgs/functions/{function_urn}/async-invoke-config", {
        params: { path: urnPath },
        body: {
          max_async_event_age_in_seconds: 3600,
          max_async_retry_attempts: 2,
          destination_config: {
            on_failure: {
              destination: "OBS",
              param: JSON.stringify({ bucket: "hello-world-async-failures", prefix: "failed/", expires: 30 }),
            },
          },
          enable_async_status_log: true,
        },
      }),
    (data) => {
      expect(data.func_urn).toMatch(/^urn:fss:/);
      expect(data.max_async_retry_attempts).toBe(2);
      expect(data.enable_async_status_log).toBe(true);
    },
  ),
  contract(
    "deleteFunctionAsyncInvokeConfig",
    204,
    (c) => c.DELETE("/v2/{project_id}/fgs/functions/{function_urn}/async-invoke-config", { params: { path: urnPath } }),
    (data) => expect(data).toBeUndefined(),
  ),
  contract(
    "listFunctionAsyncInvokeConfig",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/functions/{function_urn}/async-invoke-configs", {
        params: { path: urnPath, query: { marker: "0", limit: "10" } },
      }),
    (data) => {
      expect(data.async_invoke_configs).toHaveLength(2);
      expect(data.async_invoke_configs?.[0]?.func_urn).toMatch(/^urn:fss:/);
      expect(data.page_info?.current_count).toBe(2);
    },
  ),
  contract(
    "cancelAsyncInvocation",
    200,
    (c) =>
      c.POST("/v2/{project_id}/fgs/functions/{function_urn}/cancel", {
        params: { path: urnPath },
        body: { request_id: REQUEST_ID, type: "force" },
      }),
    (data) => expect(data).toBeUndefined(),
  ),
];

export const asyncNotificationError = notFoundContract("showFunctionAsyncInvokeConfig", (c) =>
  c.GET("/v2/{project_id}/fgs/functions/{function_urn}/async-invoke-config", {
    params: { path: urnPath },
    headers: PREFER_404,
  }),
);
