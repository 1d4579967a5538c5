// The cursor helpers and paginate() refuse what would be sent as "[object Object]" or "12", or make
// JSON.stringify throw, naming it with an InvalidInputError.
import { describe, expect, it } from "vitest";
import { InvalidInputError, nextMarker, nextOffset, paginate } from "../../src/index.js";
import { refusedAtOnce } from "../support/refused.js";

describe("nextMarker", () => {
  it.each([[{}], [[1]], [true], [Number.NaN], [Number.POSITIVE_INFINITY], [1n], [Symbol("m")], [() => 1]])(
    "refuses %s as the marker",
    (next) => {
      refusedAtOnce(() => nextMarker(next as never), "next");
    },
  );

  it.each([
    [-1, 5, "seenSoFar"],
    [1.5, 5, "seenSoFar"],
    ["3", 5, "seenSoFar"],
    [3, Number.NaN, "total"],
    [3, "5", "total"],
  ])("refuses a count of %j seen, %j in all, naming %s", (seen, total, field) => {
    refusedAtOnce(() => nextMarker("m", seen as never, total as never), field);
  });

  it("takes a string or a finite number, and ends at the total", () => {
    expect(nextMarker("m")).toBe("m");
    expect(nextMarker(5)).toBe("5");
    expect(nextMarker(0)).toBe("0");
    expect([nextMarker(undefined), nextMarker(null), nextMarker("")]).toEqual([undefined, undefined, undefined]);
    expect(nextMarker("m", 10, 10)).toBeUndefined();
    expect(nextMarker("m", 3, 10)).toBe("m");
    // An API's "no count" (null) is no count, not a total of 0.
    expect(nextMarker("m", 3, null as never)).toBe("m");
  });
});

describe("nextOffset", () => {
  it.each([
    ["1", 2, 100, "offset"],
    [Number.NaN, 2, 100, "offset"],
    [-1, 2, 100, "offset"],
    [undefined, 2, 100, "offset"],
    [0, 1.5, 100, "received"],
    [0, "2", 100, "received"],
    [0, 2, -1, "total"],
    [0, 2, Number.NaN, "total"],
    [0, 2, "100", "total"],
  ])("refuses offset %j, received %j, total %j, naming %s", (offset, received, total, field) => {
    refusedAtOnce(() => nextOffset(offset as never, received as never, total as never), field);
  });

  it("adds what came to the offset until the total", () => {
    expect(nextOffset(0, 2, 100)).toBe(2);
    expect(nextOffset(98, 2, 100)).toBeUndefined();
    expect(nextOffset(10, 5, undefined)).toBe(15);
    expect(nextOffset(10, 5, null as never)).toBe(15);
  });
});

describe("paginate's cursors", () => {
  const walk = { fetchPage: async () => ({ items: [1] }), items: (page: { items: number[] }) => page.items };
  const cyclic: Record<string, unknown> = {};
  cyclic.self = cyclic;

  it.each([
    ["a BigInt", 1n],
    ["a cycle", cyclic],
    ["a function", () => 1],
    ["a Symbol", Symbol("s")],
  ])("refuses %s as start, before any page is fetched", (_, start) => {
    let fetched = 0;
    refusedAtOnce(
      () =>
        paginate<{ items: number[] }, unknown, number>({
          ...walk,
          start,
          fetchPage: async () => ({ items: [fetched++] }),
          next: () => undefined,
        }),
      "start",
    );
    expect(fetched).toBe(0);
  });

  it("refuses a BigInt as firstPageCursor", () => {
    refusedAtOnce(() => paginate({ ...walk, firstPageCursor: 0n, next: () => undefined }), "firstPageCursor");
  });

  it("refuses a cursor from next() that JSON cannot write, naming next()", async () => {
    const error = await paginate<{ items: number[] }, unknown, number>({ ...walk, start: 1, next: () => 2n })
      .all()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe("next()");
  });

  it("still walks plain cursors and stops a repeated one", async () => {
    const pages = [["a"], ["b"], ["c"]];
    const items = await paginate<string[], { page: number }, string>({
      start: { page: 0 },
      fetchPage: async (cursor) => pages[cursor?.page ?? 0] ?? [],
      items: (page) => page,
      next: (_page, cursor) => ((cursor?.page ?? 0) < 2 ? { page: (cursor?.page ?? 0) + 1 } : undefined),
    }).all();
    expect(items).toEqual(["a", "b", "c"]);
    const loop = await paginate({ ...walk, start: 1, next: () => 1 })
      .all()
      .catch((e: unknown) => e);
    expect((loop as { code?: string }).code).toBe("PaginationLoop");
  });
});
