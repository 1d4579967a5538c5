import type { Paginator } from "@fgkit/helpers";
import type { Schemas } from "../types.js";
import { offsetPaginator, type PageFilter, type PaginatorConfig } from "./styles.js";

const page = (offset: number, limit: number | undefined) => (limit === undefined ? { offset } : { offset, limit });

/** Workflows (function flows) of the project: offset/limit with a total. */
export const paginateListWorkflow = (
  config: PaginatorConfig,
  filter: PageFilter<"listWorkflow", "offset" | "limit"> = {},
): Paginator<Schemas["ListWorkflowResponse"], Schemas["WorkflowSimpleInfo"]> =>
  offsetPaginator(config, {
    filter,
    fetch: (offset, limit, signal) =>
      config.client.GET("/v2/{project_id}/fgs/workflows", { params: { query: { ...filter, ...page(offset, limit) } }, signal }),
    items: (p) => p.workflows,
    total: (p) => p.total,
  });

/** Executions of a workflow (no total: the walk ends on a short or empty page; pages hold at most 200). */
export const paginateListWorkflowExecutions = (
  config: PaginatorConfig,
  workflowId: string,
  filter: PageFilter<"listWorkflowExecutions", "offset" | "limit"> = {},
): Paginator<Schemas["ListWorkflowExecutionsResponse"], Schemas["FlowExecutionBrief"]> =>
  offsetPaginator(config, {
    filter,
    fetch: (offset, limit, signal) =>
      config.client.GET("/v2/{project_id}/fgs/workflows/{workflow_id}/executions", {
        params: { path: { workflow_id: workflowId }, query: { ...filter, ...page(offset, limit) } },
        signal,
      }),
    items: (p) => p.executions,
    maxPageSize: 200,
  });

/** Execution history of a workflow, with a total. */
export const paginateShowWorkflowExecutionForPage = (
  config: PaginatorConfig,
  workflowId: string,
  filter: PageFilter<"showWorkflowExecutionForPage", "offset" | "limit"> = {},
): Paginator<Schemas["ShowWorkflowExecutionForPageResponse"], Schemas["FlowExecutionBriefV2"]> =>
  offsetPaginator(config, {
    filter,
    fetch: (offset, limit, signal) =>
      config.client.GET("/v2/{project_id}/fgs/workflows/{workflow_id}/executions-history", {
        // This operation requires a limit (1-100).
        params: { path: { workflow_id: workflowId }, query: { ...filter, offset, limit: limit ?? 100 } },
        signal,
      }),
    items: (p) => p.executions,
    total: (p) => p.total,
    maxPageSize: 100,
  });
