export { FunctionGraphError, InvalidInputError, signRequest, unwrap } from "@fgkit/helpers";
export { type AsyncInvocation, invokeFunctionAsync, waitUntilAsyncInvocationFinished } from "./async-invocation.js";
export {
  type CallOptions,
  createFunctionGraphClient,
  type FunctionGraphClient,
  type FunctionGraphClientOptions,
} from "./create-client.js";
export { type FunctionApplication, waitUntilFunctionApplicationCreated } from "./function-application.js";
export {
  type FunctionErrorResult,
  type InvokeOptions,
  type InvokeResult,
  type InvokeSummary,
  invokeFunction,
} from "./invoke.js";
export {
  paginateListActiveAsyncInvocations,
  paginateListAsyncInvocations,
  paginateListFunctionAsyncInvokeConfig,
} from "./paginators/async-invocations.js";
export { paginateListDependencies, paginateListDependencyVersion } from "./paginators/dependencies.js";
export { paginateListFunctions, paginateListFunctionVersions } from "./paginators/functions.js";
export { paginateListFunctionReservedInstances, paginateListReservedInstanceConfigs } from "./paginators/reserved-instances.js";
export { paginateResourceInstances } from "./paginators/resource-instances.js";
export type { PaginatorConfig } from "./paginators/styles.js";
export {
  paginateListAppTemplates,
  paginateListFunctionApplications,
  paginateListFunctionTemplate,
} from "./paginators/templates-and-apps.js";
export {
  paginateListWorkflow,
  paginateListWorkflowExecutions,
  paginateShowWorkflowExecutionForPage,
} from "./paginators/workflows.js";
export { REGIONS, type Region, resolveEndpoint } from "./regions.js";
export type { components, FunctionGraphPaths, Operations, operations, paths, Schemas } from "./types.js";
export { startWorkflowExecution, type WorkflowExecution, waitUntilWorkflowExecutionFinished } from "./workflow-execution.js";
