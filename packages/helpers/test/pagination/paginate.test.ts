import { describe, expect, it } from "vitest";
import { FunctionGraphError, paginate } from "../../src/index.js";

const pages: Record<string, { items: number[]; next?: string }> = {
  start: { items: [1, 2], next: "b" },
  b: { items: [3, 4], next: "c" },
  c: { items: [5] },
};

function walk(overrides: Partial<Parameters<typeof paginate<{ items: number[]; next?: string }, string, number>>[0]> = {}) {
  const fetched: (string | undefined)[] = [];
  const paginator = paginate({
    fetchPage: async (cursor: string | undefined) => {
      fetched.push(cursor);
      return pages[cursor ?? "start"] as { items: number[]; next?: string };
    },
    items: (page) => page.items,
    next: (page) => page.next,
    ...overrides,
  });
  return { paginator, fetched };
}

describe("paginate", () => {
  it("yields each page once and each item once, in order, fetching lazily", async () => {
    const { paginator, fetched } = walk();
    expect(fetched).toEqual([]);
    expect(await paginator.all()).toEqual([1, 2, 3, 4, 5]);
    expect(fetched).toEqual([undefined, "b", "c"]);
  });

  it("stops on an empty page even if a cursor is given", async () => {
    const cursors: (string | undefined)[] = [];
    const { paginator } = walk({
      fetchPage: async (cursor) => {
        cursors.push(cursor);
        return cursor ? { items: [] as number[], next: "z" } : { items: [1], next: "x" };
      },
    });
    expect(await paginator.all()).toEqual([1]);
    expect(cursors).toEqual([undefined, "x"]);
  });

  it("throws a PaginationLoop error when a cursor repeats", async () => {
    const { paginator } = walk({ fetchPage: async () => ({ items: [1], next: "same" }) });
    await expect(paginator.all()).rejects.toSatisfy((e) => FunctionGraphError.isInstance(e) && e.code === "PaginationLoop");
  });

  it("names the list in its own errors when `what` says what it is, asked only when one is thrown", async () => {
    let asked = 0;
    const what = () => {
      asked++;
      return "GET /v2/p/fgs/things";
    };
    const looping = walk({ fetchPage: async () => ({ items: [1], next: "same" }), what });
    await expect(looping.paginator.all()).rejects.toMatchObject({
      code: "PaginationLoop",
      message: 'GET /v2/p/fgs/things: pagination stopped: the API returned the cursor "same" twice',
    });
    const stopped = walk({ signal: AbortSignal.abort(new Error("gone")), what: () => undefined });
    await expect(stopped.paginator.all()).rejects.toMatchObject({ code: "Aborted", message: "pagination aborted by the caller" });
    expect(await walk({ what }).paginator.all()).toEqual([1, 2, 3, 4, 5]);
    expect(asked).toBe(1);
    expect(() => walk({ what: "GET /things" as never })).toThrow("what: must be a function");
  });

  it("keeps its own error when `what` throws or gives no text: the label never takes the error's place", async () => {
    const failing = () => {
      throw new Error("label broke");
    };
    const reason = new Error("gone");
    const stopped = walk({ signal: AbortSignal.abort(reason), what: failing });
    await expect(stopped.paginator.all()).rejects.toMatchObject({
      code: "Aborted",
      message: "pagination aborted by the caller",
      cause: reason,
    });
    const looping = walk({ fetchPage: async () => ({ items: [1], next: "same" }), what: failing });
    await expect(looping.paginator.all()).rejects.toMatchObject({ code: "PaginationLoop" });
    const odd = walk({ fetchPage: async () => ({ items: [1], next: "same" }), what: () => ({}) as never });
    await expect(odd.paginator.all()).rejects.toMatchObject({
      code: "PaginationLoop",
      message: 'pagination stopped: the API returned the cursor "same" twice',
    });
  });

  it("does not fetch another page after the signal aborts", async () => {
    const controller = new AbortController();
    const { paginator, fetched } = walk({ signal: controller.signal });
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const item of paginator.items()) {
          seen.push(item);
          if (item === 2) controller.abort(new Error("enough"));
        }
      })(),
    ).rejects.toSatisfy(
      (e) => FunctionGraphError.isInstance(e) && e.code === "Aborted" && (e.cause as Error).message === "enough",
    );
    expect(seen).toEqual([1, 2]);
    expect(fetched).toEqual([undefined]);
  });

  it("refuses to start with a signal already aborted: FunctionGraphError Aborted, nothing fetched", async () => {
    const { paginator, fetched } = walk({ signal: AbortSignal.abort(new Error("gone")) });
    await expect(paginator.all()).rejects.toSatisfy((e) => FunctionGraphError.isInstance(e) && e.code === "Aborted");
    expect(fetched).toEqual([]);
  });

  it("counts the items of each walk afresh (walking a paginator twice gives the same items)", async () => {
    const walkedSeen: number[] = [];
    const { paginator } = walk({
      next: (page, _cursor, _items, walked) => {
        walkedSeen.push(walked);
        return page.next;
      },
    });
    expect(await paginator.all()).toEqual([1, 2, 3, 4, 5]);
    expect(await paginator.all()).toEqual([1, 2, 3, 4, 5]);
    expect(walkedSeen).toEqual([2, 4, 5, 2, 4, 5]);
  });

  it("skips a page isRepeat says repeats the one before, and stops at a second in a row", async () => {
    const befores: unknown[] = [];
    // The list shifts by exactly a page once: page "b" comes back as the first page's items.
    const shifted: Record<string, { items: number[]; next?: string }> = {
      start: { items: [1, 2], next: "b" },
      b: { items: [1, 2], next: "c" },
      c: { items: [3, 4], next: "d" },
      d: { items: [5] },
    };
    const repeat = (items: readonly number[], before: { first: number; last: number }) => {
      befores.push(before);
      return items[0] === before.first && items[items.length - 1] === before.last;
    };
    const once = walk({ fetchPage: async (cursor) => shifted[cursor ?? "start"] as { items: number[] }, isRepeat: repeat });
    expect(await once.paginator.all()).toEqual([1, 2, 3, 4, 5]);
    expect(befores).toEqual([
      { first: 1, last: 2 },
      { first: 1, last: 2 },
      { first: 3, last: 4 },
    ]);

    // An API that ignores the cursor: the same page every time.
    const stuck = walk({ fetchPage: async () => ({ items: [1, 2], next: `n${Math.random()}` }), isRepeat: repeat });
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const item of stuck.paginator.items()) seen.push(item);
      })(),
    ).rejects.toSatisfy((e) => FunctionGraphError.isInstance(e) && e.code === "PaginationLoop");
    expect(seen).toEqual([1, 2]);

    // The same with a total: the offsets reach it on the repeated page, which must not end the walk quietly.
    const cutShort = walk({
      fetchPage: async (cursor) => ({ items: [1, 2], next: cursor === undefined ? "b" : undefined }),
      isRepeat: repeat,
    });
    await expect(cutShort.paginator.all()).rejects.toSatisfy(
      (e) => FunctionGraphError.isInstance(e) && e.code === "PaginationLoop",
    );
  });

  it("stops a loop back to the first page before fetching it again (firstPageCursor)", async () => {
    const { paginator, fetched } = walk({
      firstPageCursor: "start",
      fetchPage: async (cursor) => {
        fetched.push(cursor);
        return cursor === undefined ? { items: [1, 2], next: "b" } : { items: [3], next: "start" };
      },
    });
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const item of paginator.items()) seen.push(item);
      })(),
    ).rejects.toSatisfy((e) => FunctionGraphError.isInstance(e) && e.code === "PaginationLoop");
    expect(seen).toEqual([1, 2, 3]);
    expect(fetched).toEqual([undefined, "b"]);
  });
});

describe("an empty page", () => {
  it("is handed out (a list with nothing in it is one empty page), and ends the walk", async () => {
    const cursors: unknown[] = [];
    const paginator = paginate<{ items: number[] }, number, number>({
      fetchPage: async (cursor) => {
        cursors.push(cursor);
        return { items: cursor === undefined ? [1, 2] : [] };
      },
      items: (page) => page.items,
      next: (_page, cursor) => (cursor ?? 0) + 2,
    });
    const pages: { items: number[] }[] = [];
    for await (const page of paginator) pages.push(page);
    expect(pages).toEqual([{ items: [1, 2] }, { items: [] }]);
    expect(cursors).toEqual([undefined, 2]);
  });
});

describe("repeated pages apart from each other", () => {
  it("are each skipped: only two in a row end the walk", async () => {
    const answers = [[1, 2], [1, 2], [3, 4], [3, 4], [5]];
    const paginator = paginate<number[], number, number>({
      fetchPage: async (cursor) => answers[cursor ?? 0] ?? [],
      items: (page) => page,
      next: (_page, cursor) => ((cursor ?? 0) + 1 < answers.length ? (cursor ?? 0) + 1 : undefined),
      isRepeat: (items, before) => items[0] === before.first && items[items.length - 1] === before.last,
    });
    expect(await paginator.all()).toEqual([1, 2, 3, 4, 5]);
  });
});
