import type { ContractCase } from "../support.js";

export const functionLogsCases: ContractCase[] = [];

export const functionLogsError: ContractCase | undefined = undefined;
