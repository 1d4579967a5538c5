import type { ContractCase } from "../support.js";

export const versionsAndAliasesCases: ContractCase[] = [];

export const versionsAndAliasesError: ContractCase | undefined = undefined;
