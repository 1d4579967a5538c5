import { expect } from "vitest";
import { type ContractCase, contract, notFoundContract, PREFER_404, URN } from "../support.js";

const TRIGGER_ID = "9a14fae1-78cf-4185-ac7a-429eb6dc41fb";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const triggerPath = { function_urn: URN, trigger_type_code: "TIMER", trigger_id: TRIGGER_ID } as const;

export const functionTriggersCases: ContractCase[] = [
  contract(
    "listFunctionTriggers",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/triggers/{function_urn}", { params: { path: { function_urn: URN } } }),
    (data) => {
      expect(data).toHaveLength(3);
      expect(data[0]?.trigger_id).toMatch(UUID);
      expect(data[0]?.trigger_type_code).toBe("TIMER");
      expect(data[1]?.trigger_type_code).toBe("DEDICATEDGATEWAY");
      expect(data[2]?.trigger_type_code).toBe("SMN");
      expect(data[2]?.event_data?.subscription_status).toBe("ACTIVE");
    },
  ),
  contract(
    "createFunctionTrigger",
    201,
    (c) =>
      c.POST("/v2/{project_id}/fgs/triggers/{function_urn}", {
        params: { path: { function_urn: URN } },
        body: {
          trigger_type_code: "TIMER",
          trigger_status: "ACTIVE",
          event_type_code: "MessageCreated",
          event_data: { name: "Timer-cleanup", schedule_type: "Rate", schedule: "30m", user_event: "cleanup-temp-files" },
        },
      }),
    (data) => {
      expect(data.trigger_id).toMatch(UUID);
      expect(data.trigger_type_code).toBe("TIMER");
      expect(data.trigger_status).toBe("ACTIVE");
    },
  ),
  contract(
    "batchDeleteFunctionTriggers",
    204,
    (c) => c.DELETE("/v2/{project_id}/fgs/triggers/{function_urn}", { params: { path: { function_urn: URN } } }),
    (data) => expect(data).toBeUndefined(),
  ),
  contract(
    "showFunctionTrigger",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/triggers/{function_urn}/{trigger_type_code}/{trigger_id}", { params: { path: triggerPath } }),
    (data) => {
      expect(data.trigger_id).toBe(TRIGGER_ID);
      expect(data.trigger_type_code).toBe("TIMER");
      expect(data.created_time).toBeTypeOf("string");
    },
  ),
  contract(
    "updateTrigger",
    200,
    (c) =>
      c.PUT("/v2/{project_id}/fgs/triggers/{function_urn}/{trigger_type_code}/{trigger_id}", {
        params: { path: triggerPath },
        body: { trigger_status: "DISABLED" },
      }),
    (data) => {
      expect(data.trigger_id).toBe(TRIGGER_ID);
      expect(data.trigger_status).toBe("DISABLED");
    },
  ),
  contract(
    "deleteFunctionTrigger",
    204,
    (c) =>
      c.DELETE("/v2/{project_id}/fgs/triggers/{function_urn}/{trigger_type_code}/{trigger_id}", {
        params: { path: triggerPath },
      }),
    (data) => expect(data).toBeUndefined(),
  ),
];

export const functionTriggersError = notFoundContract("showFunctionTrigger", (c) =>
  c.GET("/v2/{project_id}/fgs/triggers/{function_urn}/{trigger_type_code}/{trigger_id}", {
    params: { path: triggerPath },
    headers: PREFER_404,
  }),
);
