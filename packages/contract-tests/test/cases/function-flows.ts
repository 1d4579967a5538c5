import type { ContractCase } from "../support.js";

export const functionFlowsCases: ContractCase[] = [];

export const functionFlowsError: ContractCase | undefined = undefined;
