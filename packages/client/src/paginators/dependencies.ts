import type { Paginator } from "@fgkit/helpers";
import type { Schemas } from "../types.js";
import { markerPaginator, type PageFilter, type PaginatorConfig } from "./styles.js";

/** Dependency packages visible to the project (public and private, filterable). */
export const paginateListDependencies = (
  config: PaginatorConfig,
  filter: PageFilter<"listDependencies"> = {},
): Paginator<Schemas["ListDependenciesResponse"], Schemas["ListDependenciesResult"]> =>
  markerPaginator(config, {
    filter,
    pageSizeParam: "maxitems",
    fetch: (page, signal) =>
      config.client.GET("/v2/{project_id}/fgs/dependencies", { params: { query: { ...filter, ...page } }, signal }),
    items: (page) => page.dependencies,
    next: (page) => page.next_marker,
    total: (page) => page.count,
  });

/** The versions of one dependency package. */
export const paginateListDependencyVersion = (
  config: PaginatorConfig,
  dependId: string,
): Paginator<Schemas["ListDependencyVersionResponse"], Schemas["ListDependencyVersionsResult"]> =>
  markerPaginator(config, {
    pageSizeParam: "maxitems",
    fetch: (page, signal) =>
      config.client.GET("/v2/{project_id}/fgs/dependencies/{depend_id}/version", {
        params: { path: { depend_id: dependId }, query: page },
        signal,
      }),
    items: (page) => page.dependencies,
    next: (page) => page.next_marker,
    total: (page) => page.count,
  });
