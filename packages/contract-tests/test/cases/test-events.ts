import type { ContractCase } from "../support.js";

export const testEventsCases: ContractCase[] = [];

export const testEventsError: ContractCase | undefined = undefined;
