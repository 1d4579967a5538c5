import type { ContractCase } from "../support.js";

export const functionMetricsCases: ContractCase[] = [];

export const functionMetricsError: ContractCase | undefined = undefined;
