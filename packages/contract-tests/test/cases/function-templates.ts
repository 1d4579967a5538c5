import type { ContractCase } from "../support.js";

export const functionTemplatesCases: ContractCase[] = [];

export const functionTemplatesError: ContractCase | undefined = undefined;
