import type { ContractCase } from "../support.js";

export const functionAppsCases: ContractCase[] = [];

export const functionAppsError: ContractCase | undefined = undefined;
