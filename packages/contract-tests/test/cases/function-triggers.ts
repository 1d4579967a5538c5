import type { ContractCase } from "../support.js";

export const functionTriggersCases: ContractCase[] = [];

export const functionTriggersError: ContractCase | undefined = undefined;
