import type { ContractCase } from "../support.js";

export const asyncNotificationCases: ContractCase[] = [];

export const asyncNotificationError: ContractCase | undefined = undefined;
