import type { ContractCase } from "../support.js";

export const dependenciesCases: ContractCase[] = [];

export const dependenciesError: ContractCase | undefined = undefined;
