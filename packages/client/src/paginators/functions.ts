import type { Paginator } from "@fgkit/helpers";
import type { Schemas } from "../types.js";
import { markerPaginator, type PageFilter, type PaginatorConfig } from "./styles.js";

/** Every function of the project: `for await (const fn of paginateListFunctions({ client }).items())`. */
export const paginateListFunctions = (
  config: PaginatorConfig,
  filter: PageFilter<"listFunctions"> = {},
): Paginator<Schemas["ListFunctionsResponse"], Schemas["ListFunctionResult"]> =>
  markerPaginator(config, {
    filter,
    pageSizeParam: "maxitems",
    maxPageSize: 400,
    fetch: (page, signal) =>
      config.client.GET("/v2/{project_id}/fgs/functions", { params: { query: { ...filter, ...page } }, signal }),
    items: (page) => page.functions,
    next: (page) => page.next_marker,
    total: (page) => page.count,
  });

/** The published versions of a function. */
export const paginateListFunctionVersions = (
  config: PaginatorConfig,
  functionUrn: string,
): Paginator<Schemas["ListFunctionVersionsResponse"], Schemas["ListFunctionVersionResult"]> =>
  markerPaginator(config, {
    pageSizeParam: "maxitems",
    fetch: (page, signal) =>
      config.client.GET("/v2/{project_id}/fgs/functions/{function_urn}/versions", {
        params: { path: { function_urn: functionUrn }, query: page },
        signal,
      }),
    items: (page) => page.versions,
    next: (page) => page.next_marker,
    total: (page) => page.count,
  });
