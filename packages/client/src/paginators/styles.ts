// The two request shapes of FunctionGraph's paged lists, on top of the generic paginate(): a marker
// cursor (with `maxitems` or `limit` as the page size), and an offset with a limit.
import {
  type CallResult,
  checkSignal,
  checkWholeNumber,
  InvalidInputError,
  nextMarker,
  nextOffset,
  type Paginator,
  paginate,
  unwrap,
} from "@fgkit/helpers";
import { assertConfigWithClient } from "../argument-checks.js";
import type { FunctionGraphClient } from "../create-client.js";
import type { operations } from "../types.js";

/** An operation's query parameters other than the ones the paginator drives. */
export type PageFilter<Op extends keyof operations, Driven extends string = "marker" | "maxitems" | "limit"> = Omit<
  NonNullable<operations[Op]["parameters"]["query"]>,
  Driven
>;

export interface PaginatorConfig {
  client: FunctionGraphClient;
  /** Items per page (sent as the API's page-size parameter). */
  pageSize?: number | undefined;
  /** Resume from a marker or offset returned earlier. */
  startingToken?: string | number | undefined;
  signal?: AbortSignal | undefined;
}

type PageQuery = { marker?: string } & Partial<Record<"maxitems" | "limit", string>>;

export interface MarkerStyle<Page, Item> extends PageSizeLimit {
  pageSizeParam: "maxitems" | "limit";
  fetch(query: PageQuery, signal: AbortSignal | undefined): Promise<CallResult<Page>>;
  items(page: Page): readonly Item[] | undefined;
  /** The next marker (`next_marker` or `page_info.next_marker`). */
  next(page: Page): number | string | undefined | null;
  /** The total count, when the API reports it: the walk stops once it is reached. */
  total?(page: Page): number | undefined;
}

/** The largest page an operation serves (its documented maximum for the page-size parameter). */
interface PageSizeLimit {
  maxPageSize?: number;
}

const PAGINATOR_OPTIONS = ["pageSize", "startingToken", "signal"];

/** Refuses a config that would send a bad page size or offset, before any page is asked for. */
function checkConfig(config: PaginatorConfig, { maxPageSize }: PageSizeLimit): void {
  assertConfigWithClient(config, PAGINATOR_OPTIONS);
  checkSignal("signal", config.signal);
  checkWholeNumber("pageSize", config.pageSize, 1, 1);
  if (maxPageSize !== undefined && config.pageSize !== undefined && config.pageSize > maxPageSize)
    throw new InvalidInputError("pageSize", `must be at most ${maxPageSize}, the largest page this list serves`);
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A page that begins and ends as the one before did: the list shifted by exactly a page (its items
 * came already), or the API ignored the cursor (then the walk would never end; paginate stops at a
 * second such page).
 */
const samePage = <Item>(items: readonly Item[], before: { first: Item; last: Item }) =>
  sameJson(items[0], before.first) && sameJson(items[items.length - 1], before.last);

export function markerPaginator<Page, Item>(config: PaginatorConfig, style: MarkerStyle<Page, Item>): Paginator<Page, Item> {
  checkConfig(config, style);
  if (config.startingToken !== undefined && String(config.startingToken) === "")
    throw new InvalidInputError("startingToken", "must not be empty");
  return paginate<Page, string, Item>({
    start: config.startingToken === undefined ? undefined : String(config.startingToken),
    // Marker 0 is where these lists start: a next_marker of 0 leads back to the first page.
    firstPageCursor: "0",
    signal: config.signal,
    fetchPage: (marker) => {
      const query: PageQuery = {};
      if (marker !== undefined) query.marker = marker;
      if (config.pageSize !== undefined) query[style.pageSizeParam] = String(config.pageSize);
      return unwrap(style.fetch(query, config.signal));
    },
    items: style.items,
    // As with offsets: an API that ignored the marker while moving next_marker on would hand out the
    // same page again and again (for ever, on a list that reports no count).
    isRepeat: samePage,
    next: (page, _marker, _items, walked) => nextMarker(style.next(page), walked, style.total?.(page)),
  });
}

export interface OffsetStyle<Page, Item> extends PageSizeLimit {
  fetch(offset: number, limit: number | undefined, signal: AbortSignal | undefined): Promise<CallResult<Page>>;
  items(page: Page): readonly Item[] | undefined;
  /**
   * The total count, when reported; without it the walk ends on a short or empty page (which is why
   * such a list needs its maxPageSize: a page the API cut to its largest size would look short).
   */
  total?(page: Page): number | undefined;
}

export function offsetPaginator<Page, Item>(config: PaginatorConfig, style: OffsetStyle<Page, Item>): Paginator<Page, Item> {
  checkConfig(config, style);
  const token = config.startingToken;
  // Number() would take "" as 0 and " 1e1" as 10: a text token must be the digits of an offset.
  const start = token === undefined ? 0 : typeof token === "string" && !/^\d+$/.test(token) ? Number.NaN : Number(token);
  if (!Number.isSafeInteger(start) || start < 0)
    throw new InvalidInputError("startingToken", "must be an offset, a whole number 0 or more");
  return paginate<Page, number, Item>({
    start,
    signal: config.signal,
    fetchPage: (offset = 0) => unwrap(style.fetch(offset, config.pageSize, config.signal)),
    items: style.items,
    isRepeat: samePage,
    next: (page, offset = 0, items) => {
      const total = style.total?.(page);
      if (total === undefined && config.pageSize !== undefined && items.length < config.pageSize) return undefined;
      return nextOffset(offset, items.length, total);
    },
  });
}
