import { nextMarker, type Paginator, paginate, unwrap } from "@fgkit/helpers";
import type { FunctionGraphClient } from "../create-client.js";
import type { operations, Schemas } from "../types.js";

type ListFunctionsQuery = NonNullable<operations["listFunctions"]["parameters"]["query"]>;

export interface PaginatorConfig {
  client: FunctionGraphClient;
  /** Items per page (sent as the API's page-size parameter). */
  pageSize?: number;
  /** Resume from a marker or offset returned earlier. */
  startingToken?: string;
  signal?: AbortSignal;
}

/** Every function of the project: `for await (const fn of paginateListFunctions({ client }).items())`. */
export function paginateListFunctions(
  config: PaginatorConfig,
  query: Omit<ListFunctionsQuery, "marker" | "maxitems"> = {},
): Paginator<Schemas["ListFunctionsResponse"], Schemas["ListFunctionResult"]> {
  let seen = 0;
  return paginate({
    start: config.startingToken,
    signal: config.signal,
    fetchPage: (marker) =>
      unwrap(
        config.client.GET("/v2/{project_id}/fgs/functions", {
          params: {
            query: {
              ...query,
              ...(marker !== undefined ? { marker } : {}),
              ...(config.pageSize !== undefined ? { maxitems: String(config.pageSize) } : {}),
            },
          },
          signal: config.signal,
        }),
      ),
    items: (page) => page.functions,
    next: (page, _marker, items) => {
      seen += items.length;
      return nextMarker(page.next_marker, seen, page.count);
    },
  });
}
