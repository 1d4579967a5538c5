import type { Paginator } from "@fgkit/helpers";
import type { Schemas } from "../types.js";
import { offsetPaginator, type PaginatorConfig } from "./styles.js";

/** What paginateResourceInstances filters on: the tag query, less the paging it drives. */
export type ResourceInstanceFilter = Omit<Schemas["ListEnterpriseResourceRequestBody"], "offset" | "limit" | "action">;
type ResourceList = Schemas["ResourceInstanceList"];

/**
 * Resources matching a tag filter (`POST .../resource-instances/filter`), page by page. The API
 * takes offset and limit as strings in the body and usually reports `total_count` (without it, the walk
 * ends on a short or empty page).
 */
export const paginateResourceInstances = (
  config: PaginatorConfig,
  filter: ResourceInstanceFilter = {},
  resourceType = "functions",
): Paginator<ResourceList, Schemas["ListEnterpriseResourceResult"]> =>
  offsetPaginator<ResourceList, Schemas["ListEnterpriseResourceResult"]>(config, {
    bodyFilter: filter,
    fetch: async (offset, limit, signal) => {
      const result = await config.client.POST("/v2/{project_id}/{resource_type}/resource-instances/{action}", {
        params: { path: { resource_type: resourceType, action: "filter" } },
        body: { ...filter, offset: String(offset), ...(limit !== undefined ? { limit: String(limit) } : {}) },
        signal,
      });
      // The filter action always answers the list shape; the count shape belongs to action=count.
      return result as typeof result & { data?: ResourceList };
    },
    items: (p) => p.resources,
    total: (p) => p.total_count,
  });
