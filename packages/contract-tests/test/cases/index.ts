// Every API group of the spec, with a success case per operation and one error path.
import type { ContractCase } from "../support.js";
import { asyncNotificationCases, asyncNotificationError } from "./async-notification.js";
import { dependenciesCases, dependenciesError } from "./dependencies.js";
import { functionAppsCases, functionAppsError } from "./function-apps.js";
import { functionFlowsCases, functionFlowsError } from "./function-flows.js";
import { functionInvocationCases, functionInvocationError } from "./function-invocation.js";
import { functionLifecycleCases, functionLifecycleError } from "./function-lifecycle.js";
import { functionLogsCases, functionLogsError } from "./function-logs.js";
import { functionMetricsCases, functionMetricsError } from "./function-metrics.js";
import { functionQuotasCases, functionQuotasError } from "./function-quotas.js";
import { functionTemplatesCases, functionTemplatesError } from "./function-templates.js";
import { functionTracingCases, functionTracingError } from "./function-tracing.js";
import { functionTriggersCases, functionTriggersError } from "./function-triggers.js";
import { importExportCases, importExportError } from "./import-export.js";
import { reservedInstancesCases, reservedInstancesError } from "./reserved-instances.js";
import { testEventsCases, testEventsError } from "./test-events.js";
import { versionsAndAliasesCases, versionsAndAliasesError } from "./versions-and-aliases.js";
import { vpcEndpointsCases, vpcEndpointsError } from "./vpc-endpoints.js";

export const groups: Record<string, { cases: ContractCase[]; error: ContractCase | undefined }> = {
  "Function Lifecycle Management": { cases: functionLifecycleCases, error: functionLifecycleError },
  "Function Invocation": { cases: functionInvocationCases, error: functionInvocationError },
  "Function Quotas": { cases: functionQuotasCases, error: functionQuotasError },
  Dependencies: { cases: dependenciesCases, error: dependenciesError },
  "Test Events": { cases: testEventsCases, error: testEventsError },
  "Function Tracing": { cases: functionTracingCases, error: functionTracingError },
  "Versions and Aliases": { cases: versionsAndAliasesCases, error: versionsAndAliasesError },
  "Function Metrics": { cases: functionMetricsCases, error: functionMetricsError },
  "Function Logs": { cases: functionLogsCases, error: functionLogsError },
  "Function Templates": { cases: functionTemplatesCases, error: functionTemplatesError },
  "Reserved Instances": { cases: reservedInstancesCases, error: reservedInstancesError },
  "Function Import and Export": { cases: importExportCases, error: importExportError },
  "Function Triggers": { cases: functionTriggersCases, error: functionTriggersError },
  "Function Flows": { cases: functionFlowsCases, error: functionFlowsError },
  "Asynchronous Execution Notification": { cases: asyncNotificationCases, error: asyncNotificationError },
  "Function Apps": { cases: functionAppsCases, error: functionAppsError },
  "VPC Endpoints": { cases: vpcEndpointsCases, error: vpcEndpointsError },
};
