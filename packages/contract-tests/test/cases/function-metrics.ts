import { expect } from "vitest";
import { type ContractCase, contract, notFoundContract, PREFER_404, URN } from "../support.js";

/** Checks one metric time series: points with a millisecond timestamp and a numeric value. */
function expectSeries(series: { timestamp?: number; value?: number }[] | undefined): void {
  expect(series?.length).toBeGreaterThan(0);
  for (const point of series ?? []) {
    expect(point.timestamp).toBeGreaterThan(1_000_000_000_000);
    expect(point.value).toBeTypeOf("number");
  }
}

export const functionMetricsCases: ContractCase[] = [
  contract(
    "listFunctionAsMetric",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/function/report", {
        params: { query: { type: "failcount", start_time: "1716105600", end_time: "1716192000", limit: "10" } },
      }),
    (data) => {
      expect(data.values?.length).toBeGreaterThan(0);
      expect(data.values?.[0]?.key).toMatch(/^urn:fss:/);
      expect(data.values?.[0]?.value).toBeTypeOf("number");
      expect(data.count).toBe(data.values?.length);
    },
  ),
  contract(
    "listStatistics",
    200,
    (c) => c.GET("/v2/{project_id}/fgs/functions/statistics", { params: { query: { filter: "monthly_report", option: "2" } } }),
    (data) => {
      expect(data.count?.length).toBeGreaterThan(0);
      expect(data.count?.[0]?.date).toMatch(/^\d{4}-\d{2}$/);
      expect(data.gbs?.[0]?.value).toBeTypeOf("number");
    },
  ),
  contract(
    "showFuncReservedInstanceMetrics",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/functions/{func_urn}/instancereports", {
        params: { path: { func_urn: URN }, query: { marker: "0", limit: "100" } },
      }),
    (data) => {
      expectSeries(data.instanceNum);
      expectSeries(data.reservedInstanceNum);
    },
  ),
  contract(
    "showFunctionMetrics",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/functions/{func_urn}/slareports/{period}", {
        params: { path: { func_urn: URN, period: "60" } },
      }),
    (data) => {
      expectSeries(data.count);
      expectSeries(data.instance_num);
    },
  ),
  contract(
    "listFunctionStatistics",
    200,
    (c) =>
      c.GET("/v2/{project_id}/fgs/functions/{func_urn}/statistics/{period}", {
        params: { path: { func_urn: URN, period: "15" } },
      }),
    (data) => {
      expectSeries(data.count);
      expectSeries(data.duration);
    },
  ),
];

export const functionMetricsError = notFoundContract("showFunctionMetrics", (c) =>
  c.GET("/v2/{project_id}/fgs/functions/{func_urn}/slareports/{period}", {
    params: { path: { func_urn: URN, period: "60" } },
    headers: PREFER_404,
  }),
);
