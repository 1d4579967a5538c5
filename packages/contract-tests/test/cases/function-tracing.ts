import type { ContractCase } from "../support.js";

export const functionTracingCases: ContractCase[] = [];

export const functionTracingError: ContractCase | undefined = undefined;
