import type { ContractCase } from "../support.js";

export const vpcEndpointsCases: ContractCase[] = [];

export const vpcEndpointsError: ContractCase | undefined = undefined;
