import { expect } from "vitest";
import { type ContractCase, contract, FUNC_URN, notFoundContract, PREFER_404, URN } from "../support.js";

export const reservedInstancesCases: ContractCase[] = [
  contract(
    "listReservedInstanceConfigs",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/functions/reservedinstanceconfigs", {
        params: { query: { function_urn: FUNC_URN, marker: "0", limit: "100" } },
      }),
    (data) => {
      expect(data.reserved_instances?.length).toBeGreaterThan(0);
      expect(data.reserved_instances?.[0]?.function_urn).toMatch(/^urn:fss:/);
      expect(data.reserved_instances?.[0]?.min_count).toBeTypeOf("number");
      expect(data.page_info?.current_count).toBe(data.reserved_instances?.length);
    },
  ),
  contract(
    "listFunctionReservedInstances",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/functions/reservedinstances", { params: { query: { marker: "0", limit: "100" } } }),
    (data) => {
      expect(data.reservedinstances?.length).toBeGreaterThan(0);
      expect(data.reservedinstances?.[0]?.func_urn).toMatch(/^urn:fss:/);
      expect(data.reservedinstances?.[0]?.count).toBeTypeOf("number");
      expect(data.count).toBe(data.reservedinstances?.length);
    },
  ),
  contract(
    "updateFunctionReservedInstancesCount",
    200,
    (c) =>
      c.PUT("/v2/{project_id}/fgs/functions/{function_urn}/reservedinstances", {
        params: { path: { function_urn: URN } },
        body: {
          count: 2,
          idle_mode: false,
          tactics_config: {
            cron_configs: [
              { name: "weekday-morning", cron: "0 0 8 * * ?", count: 10, start_time: 1716163200, expired_time: 1735660800 },
            ],
          },
        },
      }),
    (data) => {
      expect(data.count).toBeTypeOf("number");
      expect(data.idle_mode).toBeTypeOf("boolean");
      expect(data.tactics_config?.cron_configs?.[0]?.cron).toBeTypeOf("string");
    },
  ),
];

export const reservedInstancesError = notFoundContract("listReservedInstanceConfigs", (c) =>
  c.GET("/v2/{project_id}/fgs/functions/reservedinstanceconfigs", {
    params: { query: { function_urn: FUNC_URN } },
    headers: PREFER_404,
  }),
);
