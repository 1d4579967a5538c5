// The two request shapes of FunctionGraph's paged lists, on top of the generic paginate(): a marker
// cursor (with `maxitems` or `limit` as the page size), and an offset with a limit.
import {
  type CallResult,
  checkSignal,
  checkWholeNumber,
  FunctionGraphError,
  InvalidInputError,
  nextMarker,
  nextOffset,
  type Paginator,
  paginate,
} from "@fgkit/helpers";
import { callOf, objectFromAnswer } from "../answer-field.js";
import { assertConfigWithClient } from "../argument-checks.js";
import type { FunctionGraphClient } from "../create-client.js";
import { serializeJsonNaming } from "../json-body.js";
import { checkQueryParameter, checkRecord, isWellFormed, NOT_WELL_FORMED } from "../request-validation.js";
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

/** What is checked of a list's own arguments when a paginator is made. */
interface PageSizeLimit {
  /** The largest page an operation serves (its documented maximum for the page-size parameter). */
  maxPageSize?: number;
  /** The caller's filter, sent as query parameters beside the paging ones. */
  filter?: unknown;
  /** The caller's filter, sent as fields of the body beside the paging ones. */
  bodyFilter?: unknown;
}

const PAGINATOR_OPTIONS = ["pageSize", "startingToken", "signal"];

/** Refuses a config that would send a bad page size or offset, before any page is asked for. */
function checkConfig(config: PaginatorConfig, style: PageSizeLimit, driven: readonly string[]): void {
  assertConfigWithClient(config, PAGINATOR_OPTIONS);
  checkSignal("signal", config.signal);
  checkWholeNumber("pageSize", config.pageSize, 1, 1);
  const { maxPageSize } = style;
  if (maxPageSize !== undefined && config.pageSize !== undefined && config.pageSize > maxPageSize)
    throw new InvalidInputError("pageSize", `must be at most ${maxPageSize}, the largest page this list serves`);
  if ("filter" in style) checkFilter(style.filter, driven, (name, value) => checkQueryParameter(`filter.${name}`, name, value));
  if ("bodyFilter" in style) {
    checkFilter(style.bodyFilter, driven);
    serializeFilter(style.bodyFilter);
  }
}

/**
 * A filter: an object of the list's parameters (openapi-fetch would send the characters of a string,
 * or the items of an array, as parameters 0, 1, ...), none of them one the paginator sets itself
 * (on the first page it would be sent as given, and then replaced).
 */
function checkFilter(filter: unknown, driven: readonly string[], check?: (name: string, value: unknown) => void): void {
  checkRecord("filter", filter, "an object of the list's parameters");
  for (const name of Object.keys(filter as object)) {
    if (driven.includes(name))
      throw new InvalidInputError(
        `filter.${name}`,
        `is set by the paginator: ${name === "marker" || name === "offset" ? "resume with startingToken" : "give pageSize"}`,
      );
    check?.(name, (filter as Record<string, unknown>)[name]);
  }
}

// A body filter's bad values (NaN, an invalid Date, a forgotten await) named as the caller wrote them.
const serializeFilter = /* @__PURE__ */ serializeJsonNaming((field) => `filter${field.slice("body".length)}`);

const MARKER_DRIVEN = ["marker", "maxitems", "limit"];
const OFFSET_DRIVEN = ["offset", "limit"];

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A page that begins and ends as the one before did: the list shifted by exactly a page (its items
 * came already), or the API ignored the cursor (then the walk would never end; paginate stops at a
 * second such page).
 */
const samePage = <Item>(items: readonly Item[], before: { first: Item; last: Item }) =>
  sameJson(items[0], before.first) && sameJson(items[items.length - 1], before.last);

export function markerPaginator<Page, Item>(config: PaginatorConfig, style: MarkerStyle<Page, Item>): Paginator<Page, Item> {
  checkConfig(config, style, MARKER_DRIVEN);
  const token: unknown = config.startingToken;
  if (token === "") throw new InvalidInputError("startingToken", "must not be empty");
  if (typeof token === "string" && !isWellFormed(token)) throw new InvalidInputError("startingToken", NOT_WELL_FORMED);
  // String() would send an object as "[object Object]", and null or NaN as words.
  if (token !== undefined && typeof token !== "string" && !(Number.isSafeInteger(token) && (token as number) >= 0))
    throw new InvalidInputError(
      "startingToken",
      "must be a marker returned earlier: a non-empty string or a whole number 0 or more",
    );
  const last = lastCall();
  return paginate<Page, string, Item>({
    what: last.what,
    start: token === undefined ? undefined : String(token),
    // Marker 0 is where these lists start: a next_marker of 0 leads back to the first page.
    firstPageCursor: "0",
    signal: config.signal,
    fetchPage: (marker) => {
      const query: PageQuery = {};
      if (marker !== undefined) query.marker = marker;
      if (config.pageSize !== undefined) query[style.pageSizeParam] = String(config.pageSize);
      return objectFromAnswer(last.noted(style.fetch(query, config.signal)));
    },
    items: (page) => answeredItems(style.items(page)),
    // As with offsets: an API that ignored the marker while moving next_marker on would hand out the
    // same page again and again (for ever, on a list that reports no count).
    isRepeat: samePage,
    next: (page, _marker, _items, walked) =>
      nextMarker(answeredMarker(style.next(page)), walked, answeredCount(style.total?.(page), "count")),
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
  checkConfig(config, style, OFFSET_DRIVEN);
  const token: unknown = config.startingToken;
  // Number() would take "" as 0, " 1e1" as 10, true as 1, null as 0 and a Date as its time: a token
  // must be a whole number or the digits of one.
  const start =
    token === undefined
      ? 0
      : typeof token === "number" || (typeof token === "string" && /^\d+$/.test(token))
        ? Number(token)
        : Number.NaN;
  if (!Number.isSafeInteger(start) || start < 0)
    throw new InvalidInputError("startingToken", "must be an offset, a whole number 0 or more");
  const last = lastCall();
  return paginate<Page, number, Item>({
    what: last.what,
    start,
    signal: config.signal,
    fetchPage: (offset = 0) => objectFromAnswer(last.noted(style.fetch(offset, config.pageSize, config.signal))),
    items: (page) => answeredItems(style.items(page)),
    isRepeat: samePage,
    next: (page, offset = 0, items) => {
      const total = answeredCount(style.total?.(page), "total");
      if (total === undefined && config.pageSize !== undefined && items.length < config.pageSize) return undefined;
      return nextOffset(offset, items.length, total);
    },
  });
}

/**
 * The list a walk's own errors (a loop, an abort) name: the call of its last page, once one came
 * (`GET /v2/<project>/fgs/functions`), so a program walking several lists can tell which stopped.
 * Only the answer is kept: the call is made out of it when an error asks (callOf builds the redacted
 * request, some 20 µs, which a page that ends in no error should not pay).
 */
function lastCall() {
  let answer: Response | undefined;
  return {
    what: () => answer && callOf(answer),
    noted: <T>(fetched: Promise<CallResult<T>>) =>
      fetched.then((result) => {
        answer = result.response;
        return result;
      }),
  };
}

/**
 * A count as the API answered it, as a number: digits in a string are taken as the number. Anything
 * else is the answer's fault, not the caller's, and ends the walk as such.
 */
function answeredCount(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const count = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  if (typeof count === "number" && Number.isSafeInteger(count) && count >= 0) return count;
  throw unreadableAnswer(field);
}

/** A page's items as the API answered them: a list (or none); a string would be walked character by character. */
function answeredItems<Item>(items: readonly Item[] | undefined): readonly Item[] | undefined {
  if (items === undefined || items === null || Array.isArray(items)) return items;
  throw unreadableAnswer("list of items");
}

/** The next marker as the API answered it: text or a finite number (or none at the end). */
function answeredMarker(value: unknown): string | number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" || (typeof value === "number" && Number.isFinite(value))) return value;
  throw unreadableAnswer("next_marker");
}

const unreadableAnswer = (field: string) =>
  new FunctionGraphError(`pagination stopped: the API answered a ${field} that cannot be read as one`, {
    status: 0,
    code: "InvalidResponseBody",
  });
