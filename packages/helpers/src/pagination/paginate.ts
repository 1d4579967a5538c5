import { checkFunction, checkKnownOptions, checkObject, checkSignal } from "../errors/argument-checks.js";
import { FunctionGraphError } from "../errors/function-graph-error.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";

export interface PaginateOptions<Page, Cursor, Item> {
  /** Where to start (undefined: the first page). */
  start?: Cursor | undefined;
  /** Fetches one page; throws on failure (the caller's unwrap turns API errors into FunctionGraphError). */
  fetchPage(cursor: Cursor | undefined): Promise<Page>;
  /** The items a page carries. */
  items(page: Page): readonly Item[] | undefined;
  /**
   * The cursor of the next page, or undefined when this was the last one. `walked` counts the items
   * of this walk so far, this page's included (each walk of the paginator starts again from 0).
   */
  next(page: Page, cursor: Cursor | undefined, items: readonly Item[], walked: number): Cursor | undefined;
  /**
   * Whether a page repeats the one the walk handed out before it (`before`: its first and last items),
   * as a list that shifted by exactly a page between two fetches does, or an API that ignored the
   * cursor. Such a page is not handed out again; a second one in a row ends the walk with
   * PaginationLoop (an API that ignores the cursor would answer the same page for ever).
   */
  isRepeat?(items: readonly Item[], before: { first: Item; last: Item }): boolean;
  /**
   * A cursor that asks for the first page again, when `start` is left out (an API's default marker,
   * such as "0"): getting it back is a loop, stopped before that page is fetched and yielded twice.
   */
  firstPageCursor?: Cursor | undefined;
  /** Stops before fetching another page (a FunctionGraphError with code Aborted, the signal's reason as cause). */
  signal?: AbortSignal | undefined;
  /**
   * Names the list in the walk's own errors (PaginationLoop, Aborted), asked when one is thrown: a
   * program walking several lists can tell which one stopped (`GET /v2/.../fgs/functions`).
   */
  what?: (() => string | undefined) | undefined;
}

/** An async iterable of pages that can also walk the items of those pages. */
export interface Paginator<Page, Item> extends AsyncIterable<Page> {
  /** Every item of every page, in order; fetching stops when the loop stops. */
  items(): AsyncIterable<Item>;
  /** Collects every item (bounded by what the API holds: prefer `for await` for big lists). */
  all(): Promise<Item[]>;
}

/** The walk's own error, its message led by what the walk lists, when that is known. */
function walkError(
  what: PaginateOptions<unknown, unknown, unknown>["what"],
  message: string,
  code: "PaginationLoop" | "Aborted",
  cause?: unknown,
) {
  let list: unknown;
  try {
    list = what?.();
  } catch {
    // A label that fails must not take the place of the error it labels (an Aborted's reason with it).
  }
  return new FunctionGraphError(typeof list === "string" && list ? `${list}: ${message}` : message, {
    status: 0,
    code,
    ...(code === "Aborted" ? { cause } : {}),
  });
}

/**
 * Walks a paged list lazily: a page is fetched only when the loop asks for it. Ends when the next
 * cursor is absent or a page is empty; a cursor that comes back twice is an API loop and throws
 * instead of spinning.
 */
export function paginate<Page, Cursor, Item>(options: PaginateOptions<Page, Cursor, Item>): Paginator<Page, Item> {
  checkObject("options", options);
  checkKnownOptions("", options, ["start", "fetchPage", "items", "next", "signal", "firstPageCursor", "isRepeat", "what"]);
  checkFunction("fetchPage", options.fetchPage, "(cursor) => Promise<page>");
  checkFunction("items", options.items, "(page) => items");
  checkFunction("next", options.next, "(page, cursor, items) => next cursor");
  if (options.isRepeat !== undefined) checkFunction("isRepeat", options.isRepeat, "(items, before) => boolean");
  checkSignal("signal", options.signal);
  if (options.what !== undefined) checkFunction("what", options.what, "() => string | undefined");
  const sameAgain = () =>
    walkError(options.what, "pagination stopped: the API answered with the same page again", "PaginationLoop");
  // Cursors are told apart by their JSON: one JSON cannot write is refused before any page is fetched.
  const startKey = options.start === undefined ? undefined : cursorKey("start", options.start);
  const firstPageKey = options.firstPageCursor === undefined ? undefined : cursorKey("firstPageCursor", options.firstPageCursor);
  async function* pages(): AsyncGenerator<Page> {
    // The cursors this walk has fetched, and the first page's (also when it resumes from a later
    // one: going back to the list's start would hand out again what came before the resume point).
    const seen = new Set<string>();
    for (const key of [startKey, firstPageKey]) if (key !== undefined) seen.add(key);
    let cursorText = startKey;
    let cursor = options.start;
    let walked = 0;
    let before: { first: Item; last: Item } | undefined;
    let repeats = 0;
    // Held outside the loop and dropped before the next fetch, so at most one page is alive at a time.
    let page: Page | undefined;
    let items: readonly Item[] = [];
    while (true) {
      if (options.signal?.aborted)
        throw walkError(options.what, "pagination aborted by the caller", "Aborted", options.signal.reason);
      page = undefined;
      items = [];
      page = await options.fetchPage(cursor);
      items = options.items(page) ?? [];
      if (items.length === 0) {
        yield page;
        return;
      }
      const skipped = before !== undefined && options.isRepeat?.(items, before) === true;
      if (skipped) {
        if (++repeats > 1) throw sameAgain();
      } else {
        repeats = 0;
        before = { first: items[0] as Item, last: items[items.length - 1] as Item };
        walked += items.length;
        yield page;
      }
      const next = options.next(page, cursor, items, walked);
      if (next === undefined || next === null || next === "") {
        // A list pushed down by a page goes on past it; one that ends on a repeated page (its total
        // reached by offsets the API ignored) would be cut short without a word.
        if (skipped) throw sameAgain();
        return;
      }
      const key = cursorKey("next()", next);
      if (seen.has(key) || key === cursorText)
        throw walkError(options.what, `pagination stopped: the API returned the cursor ${key} twice`, "PaginationLoop");
      seen.add(key);
      cursor = next;
      cursorText = key;
    }
  }
  async function* items(): AsyncGenerator<Item> {
    for await (const page of pages()) {
      const list = options.items(page) ?? [];
      for (let i = 0; i < list.length; i++) yield list[i] as Item;
    }
  }
  return {
    [Symbol.asyncIterator]: pages,
    items,
    async all() {
      const out: Item[] = [];
      for await (const item of items()) out.push(item);
      return out;
    },
  };
}

/**
 * A cursor's JSON, by which a walk tells its cursors apart. A BigInt, a cycle, a function or a
 * symbol has none (or one that throws): refused, naming where it came from (`start`, `next()`).
 */
function cursorKey(field: string, cursor: unknown): string {
  let key: string | undefined;
  try {
    key = JSON.stringify(cursor);
  } catch (cause) {
    throw new InvalidInputError(field, "must be a cursor JSON can write (a string, a number or a plain object)", { cause });
  }
  if (key === undefined)
    throw new InvalidInputError(field, "must be a cursor JSON can write (a string, a number or a plain object)");
  return key;
}
