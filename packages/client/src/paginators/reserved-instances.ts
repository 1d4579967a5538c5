import type { Paginator } from "@fgkit/helpers";
import type { Schemas } from "../types.js";
import { markerPaginator, type PageFilter, type PaginatorConfig } from "./styles.js";

/** Reserved-instance counts per function (page_info cursor). */
export const paginateListFunctionReservedInstances = (
  config: PaginatorConfig,
  filter: PageFilter<"listFunctionReservedInstances"> = {},
): Paginator<Schemas["ListFunctionReservedInstancesResponse"], Schemas["FuncReservedInstance"]> =>
  markerPaginator(config, {
    filter,
    pageSizeParam: "limit",
    maxPageSize: 400,
    fetch: (page, signal) =>
      config.client.GET("/v2/{project_id}/fgs/functions/reservedinstances", {
        params: { query: { ...filter, ...page } },
        signal,
      }),
    items: (page) => page.reservedinstances,
    next: (page) => page.page_info?.next_marker,
    total: (page) => page.count,
  });

/** Reserved-instance policies (page_info cursor). */
export const paginateListReservedInstanceConfigs = (
  config: PaginatorConfig,
  filter: PageFilter<"listReservedInstanceConfigs"> = {},
): Paginator<Schemas["ListReservedInstanceConfigsResponse"], Schemas["ReservedInstanceConfigs"]> =>
  markerPaginator(config, {
    filter,
    pageSizeParam: "limit",
    maxPageSize: 500,
    fetch: (page, signal) =>
      config.client.GET("/v2/{project_id}/fgs/functions/reservedinstanceconfigs", {
        params: { query: { ...filter, ...page } },
        signal,
      }),
    items: (page) => page.reserved_instances,
    next: (page) => page.page_info?.next_marker,
    total: (page) => page.count,
  });
