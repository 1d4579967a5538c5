// The helpers a client's options take, so that a project depending on @fgkit/client alone (a strict
// pnpm or Yarn PnP install, where @fgkit/helpers is not reachable) can name and build them.
export {
  type AccessKeyCredentials,
  type AccessKeyProvider,
  type AccessKeyProviderCredentials,
  accessKeysFromEnv,
  type CachingAccessKeyProviderOptions,
  type CachingTokenProviderOptions,
  type Credentials,
  createAccessKeyProvider,
  createRetryQuota,
  createTokenProvider,
  type EcsMetadataOptions,
  type ErrorRequestInfo,
  type ErrorResponseInfo,
  type FetchLike,
  FunctionGraphError,
  type FunctionGraphErrorCode,
  type FunctionGraphErrorOptions,
  fetchEcsAccessKeys,
  fetchIamToken,
  type IamPasswordAuth,
  type IamToken,
  InvalidInputError,
  type Paginator,
  type ProviderContext,
  type RetryEvent,
  type RetryOptions,
  type RetryQuota,
  signRequest,
  type TemporaryAccessKeys,
  type TimeoutOptions,
  type TokenCredentials,
  type TokenProvider,
  unwrap,
  type WaiterOptions,
} from "@fgkit/helpers";
export type { Middleware } from "openapi-fetch";
export {
  type AsyncInvocation,
  type AsyncInvokeOptions,
  invokeFunctionAsync,
  waitUntilAsyncInvocationFinished,
} from "./async-invocation.js";
export type { CallInit, CallMethod, CallRequestMethod, CallResponse } from "./call-types.js";
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
  type InvokeResultFields,
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
export { paginateResourceInstances, type ResourceInstanceFilter } from "./paginators/resource-instances.js";
export type { PageFilter, PaginatorConfig } from "./paginators/styles.js";
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
export { type EndpointOptions, REGIONS, type Region, resolveEndpoint } from "./regions.js";
export type { components, FunctionGraphPaths, Operations, operations, paths, Schemas } from "./types.js";
export {
  type SyncWorkflowExecution,
  startSyncWorkflowExecution,
  startWorkflowExecution,
  type WorkflowExecution,
  waitUntilWorkflowExecutionFinished,
} from "./workflow-execution.js";
