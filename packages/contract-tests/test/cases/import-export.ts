import type { ContractCase } from "../support.js";

export const importExportCases: ContractCase[] = [];

export const importExportError: ContractCase | undefined = undefined;
