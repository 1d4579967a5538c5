import type { Paginator } from "@fgkit/helpers";
import type { Schemas } from "../types.js";
import { markerPaginator, type PageFilter, type PaginatorConfig } from "./styles.js";

/** Function templates (no total is reported: the walk ends when next_marker stops). */
export const paginateListFunctionTemplate = (
  config: PaginatorConfig,
  filter: PageFilter<"listFunctionTemplate"> = {},
): Paginator<Schemas["ListFunctionTemplateResponse"], Schemas["FunctionTemplate"]> =>
  markerPaginator(config, {
    filter,
    pageSizeParam: "maxitems",
    fetch: (page, signal) =>
      config.client.GET("/v2/{project_id}/fgs/templates", { params: { query: { ...filter, ...page } }, signal }),
    items: (page) => page.func_templates,
    next: (page) => page.next_marker,
  });

/** Application templates. */
export const paginateListAppTemplates = (
  config: PaginatorConfig,
  filter: PageFilter<"listAppTemplates"> = {},
): Paginator<Schemas["ListAppTemplatesResponse"], Schemas["ListAppTemplatesResult"]> =>
  markerPaginator(config, {
    filter,
    pageSizeParam: "maxitems",
    maxPageSize: 500,
    fetch: (page, signal) =>
      config.client.GET("/v2/{project_id}/fgs/application/templates", { params: { query: { ...filter, ...page } }, signal }),
    items: (page) => page.templates,
    next: (page) => page.next_marker,
    total: (page) => page.count,
  });

/** Function applications of the project. */
export const paginateListFunctionApplications = (
  config: PaginatorConfig,
  filter: PageFilter<"listFunctionApplications"> = {},
): Paginator<Schemas["ListFunctionApplicationsResponse"], Schemas["ListFunctionApplicationResult"]> =>
  markerPaginator(config, {
    filter,
    pageSizeParam: "limit",
    maxPageSize: 500,
    fetch: (page, signal) =>
      config.client.GET("/v2/{project_id}/fgs/applications", { params: { query: { ...filter, ...page } }, signal }),
    items: (page) => page.applications,
    next: (page) => page.next_marker,
    total: (page) => page.count,
  });
