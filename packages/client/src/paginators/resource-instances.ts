import { nextOffset, type Paginator, paginate, unwrap } from "@fgkit/helpers";
import type { Schemas } from "../types.js";
import type { PaginatorConfig } from "./list-functions.js";

type Filter = Omit<Schemas["ListEnterpriseResourceRequestBody"], "offset" | "limit" | "action">;
type ResourceList = Extract<Schemas["ShowResInstanceInfoResponse"], { resources: unknown }>;

/**
 * Resources matching a tag filter (`POST .../resource-instances/filter`), page by page. The API
 * takes offset and limit as strings in the body and reports `total_count`.
 */
export function paginateResourceInstances(
  config: PaginatorConfig,
  filter: Filter = {},
  resourceType = "functions",
): Paginator<ResourceList, ResourceList["resources"][number]> {
  const start = config.startingToken === undefined ? 0 : Number(config.startingToken);
  return paginate({
    start,
    signal: config.signal,
    fetchPage: async (offset = 0) => {
      const page = await unwrap(
        config.client.POST("/v2/{project_id}/{resource_type}/resource-instances/{action}", {
          params: { path: { resource_type: resourceType, action: "filter" } },
          body: {
            ...filter,
            offset: String(offset),
            ...(config.pageSize !== undefined ? { limit: String(config.pageSize) } : {}),
          },
          signal: config.signal,
        }),
      );
      return { resources: [], ...page } as ResourceList;
    },
    items: (page) => page.resources,
    next: (page, offset = 0, items) => nextOffset(offset, items.length, page.total_count),
  });
}
