import type { Paginator } from "@fgkit/helpers";
import type { Schemas } from "../types.js";
import { markerPaginator, type PageFilter, type PaginatorConfig } from "./styles.js";

/** Asynchronous invocations of a function (filter by request_id, status, time range). */
export const paginateListAsyncInvocations = (
  config: PaginatorConfig,
  functionUrn: string,
  filter: PageFilter<"listAsyncInvocations"> = {},
): Paginator<Schemas["ListAsyncInvocationsResponse"], Schemas["ListFunctionAsyncInvocationsResult"]> =>
  markerPaginator(config, {
    filter,
    pageSizeParam: "limit",
    maxPageSize: 500,
    fetch: (page, signal) =>
      config.client.GET("/v2/{project_id}/fgs/functions/{function_urn}/async-invocations", {
        params: { path: { function_urn: functionUrn }, query: { ...filter, ...page } },
        signal,
      }),
    items: (page) => page.invocations,
    next: (page) => page.next_marker,
    total: (page) => page.count,
  });

/** Asynchronous invocations still running. */
export const paginateListActiveAsyncInvocations = (
  config: PaginatorConfig,
  functionUrn: string,
  filter: PageFilter<"listActiveAsyncInvocations"> = {},
): Paginator<Schemas["ListActiveAsyncInvocationsResponse"], Schemas["ListFunctionAsyncInvocationsResult"]> =>
  markerPaginator(config, {
    filter,
    pageSizeParam: "limit",
    maxPageSize: 500,
    fetch: (page, signal) =>
      config.client.GET("/v2/{project_id}/fgs/functions/{function_urn}/active-async-invocations", {
        params: { path: { function_urn: functionUrn }, query: { ...filter, ...page } },
        signal,
      }),
    items: (page) => page.invocations,
    next: (page) => page.next_marker,
    total: (page) => page.count,
  });

/** Asynchronous-invocation settings of a function's versions and aliases (page_info cursor). */
export const paginateListFunctionAsyncInvokeConfig = (
  config: PaginatorConfig,
  functionUrn: string,
): Paginator<Schemas["ListFunctionAsyncInvokeConfigResponse"], Schemas["ListFunctionAsyncInvokeConfigResult"]> =>
  markerPaginator(config, {
    pageSizeParam: "limit",
    maxPageSize: 100,
    fetch: (page, signal) =>
      config.client.GET("/v2/{project_id}/fgs/functions/{function_urn}/async-invoke-configs", {
        params: { path: { function_urn: functionUrn }, query: page },
        signal,
      }),
    items: (page) => page.async_invoke_configs,
    next: (page) => page.page_info?.next_marker,
    total: (page) => page.count,
  });
