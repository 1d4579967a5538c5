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
    ).rejects.toThrow("enough");
    expect(seen).toEqual([1, 2]);
    expect(fetched).toEqual([undefined]);
  });
});
