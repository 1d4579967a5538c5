export { FunctionGraphError, InvalidInputError, signRequest, unwrap } from "@fgkit/helpers";
export {
  type CallOptions,
  createFunctionGraphClient,
  type FunctionGraphClient,
  type FunctionGraphClientOptions,
} from "./create-client.js";
export { type InvokeOptions, type InvokeResult, type InvokeSummary, invokeFunction } from "./invoke.js";
export { type PaginatorConfig, paginateListFunctions } from "./paginators/list-functions.js";
export { paginateResourceInstances } from "./paginators/resource-instances.js";
export { REGIONS, type Region, resolveEndpoint } from "./regions.js";
export type { components, FunctionGraphPaths, Operations, operations, paths, Schemas } from "./types.js";
