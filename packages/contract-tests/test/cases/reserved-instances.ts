import type { ContractCase } from "../support.js";

export const reservedInstancesCases: ContractCase[] = [];

export const reservedInstancesError: ContractCase | undefined = undefined;
