// Path values and header values as the client puts them on the wire. fast-check is not a dependency
// of this package, so these are table tests plus a seeded generator (deterministic, same cases every
// run) standing in for the properties.
import { InvalidInputError } from "@fgkit/helpers";
import { describe, expect, it } from "vitest";
import { createFunctionGraphClient } from "../src/index.js";
import { AKSK, createObservedClient, PROJECT, URN } from "./helpers.js";

/** mulberry32: a tiny seeded PRNG, so a failure names a case that reproduces. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  ...".:/?#[]@!$&'()*+,;=%\"<>\\^`{|}~ -_",
  "\t",
  "\r",
  "\n",
  "\0",
  "\x7f",
  "%2F",
  "%2e",
  "%25",
  "%zz",
  "$&",
  "$`",
  "$'",
  "$$",
  "{function_urn}",
  "{project_id}",
  "..",
  "./",
  "../",
  "é",
  "一",
  "默认",
  "😀",
  "\u00a0",
  "\u200b",
  "\ufeff",
  "\u{10ffff}",
  "urn:fss:cn-north-4:",
];

/** Random well-formed strings from reserved characters, escapes, dots, controls and Unicode. */
function randomValues(count: number, seed: number): string[] {
  const random = prng(seed);
  const values: string[] = [];
  while (values.length < count) {
    const length = 1 + Math.floor(random() * 8);
    let value = "";
    for (let i = 0; i < length; i++) {
      if (random() < 0.3) value += String.fromCodePoint(32 + Math.floor(random() * 95));
      else if (random() < 0.1) {
        // Any code point outside the surrogate range.
        const cp = Math.floor(random() * 0x10ffff);
        value += String.fromCodePoint(cp >= 0xd800 && cp <= 0xdfff ? cp - 0x800 : cp);
      } else value += PIECES[Math.floor(random() * PIECES.length)];
    }
    if (value !== "." && value !== "..") values.push(value);
  }
  return values;
}

const TABLE = [
  "a",
  URN,
  `${URN}:v1`,
  "my func",
  "a/b",
  "a/../../etc",
  "../etc",
  "...",
  ".a",
  "a.",
  "%",
  "%2F",
  "%2e%2e",
  ".%2e",
  "100%",
  "a?b#c",
  "a\\b",
  "$&",
  "$'$`$$",
  "{function_urn}",
  "::",
  ":",
  "a+b c",
  "é/一/😀",
  "\t\r\n",
  " ",
  "\u00a0",
  "0",
];

const CONFIG = "/v2/{project_id}/fgs/functions/{function_urn}/config" as const;
const ALIAS = "/v2/{project_id}/fgs/functions/{function_urn}/aliases/{alias_name}" as const;

/** The path segments of a sent request, each percent-decoded. */
const segmentsOf = (url: string) => new URL(url).pathname.split("/").map((segment) => decodeURIComponent(segment));

async function expectOneSegment(value: string): Promise<void> {
  const { client, requests } = createObservedClient();
  await client.GET(CONFIG, { params: { path: { function_urn: value } } });
  expect(requests, JSON.stringify(value)).toHaveLength(1);
  const url = (requests[0] as Request).url;
  expect(segmentsOf(url), JSON.stringify(value)).toEqual(["", "v2", PROJECT, "fgs", "functions", value, "config"]);
  expect(new URL(url).search, JSON.stringify(value)).toBe("");
}

describe("path values", () => {
  it.each(TABLE.map((value) => [value]))("keeps %j as exactly one path segment that decodes back to it", async (value) => {
    await expectOneSegment(value);
  });

  it("keeps 300 seeded random values one segment each, decoding back to the value", async () => {
    for (const value of randomValues(300, 0x5eed)) await expectOneSegment(value);
  });

  it("keeps two values one segment each, whatever they contain", async () => {
    const values = randomValues(100, 0xa11a5);
    for (let i = 0; i < values.length; i += 2) {
      const [function_urn, alias_name] = [values[i] as string, values[i + 1] as string];
      const { client, requests } = createObservedClient();
      await client.GET(ALIAS, { params: { path: { function_urn, alias_name } } });
      expect(segmentsOf((requests[0] as Request).url)).toEqual([
        "",
        "v2",
        PROJECT,
        "fgs",
        "functions",
        function_urn,
        "aliases",
        alias_name,
      ]);
    }
  });

  it("keeps URN colons raw on the wire (as the gateway's canonical form expects)", async () => {
    const { client, requests } = createObservedClient();
    await client.GET(CONFIG, { params: { path: { function_urn: URN } } });
    expect(new URL((requests[0] as Request).url).pathname).toBe(`/v2/${PROJECT}/fgs/functions/${URN}/config`);
  });

  it.each([[""], ["."], [".."]])("refuses %j before sending", async (value) => {
    const { client, requests } = createObservedClient();
    const error = await client.GET(CONFIG, { params: { path: { function_urn: value } } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe("params.path.function_urn");
    expect(requests).toHaveLength(0);
  });

  it("refuses a value with a lone surrogate before sending", async () => {
    const { client, requests } = createObservedClient();
    await expect(client.GET(CONFIG, { params: { path: { function_urn: "a\ud800b" } } })).rejects.toThrow();
    expect(requests).toHaveLength(0);
  });

  it.each([["a\udc00"], ["\ud800"], ["a\udc00\ud800b"]])(
    "refuses the lone surrogate in %j with an InvalidInputError naming the parameter",
    async (value) => {
      const { client } = createObservedClient();
      await expect(client.GET(CONFIG, { params: { path: { function_urn: value } } })).rejects.toThrow(
        new InvalidInputError("params.path.function_urn", "contains a lone UTF-16 surrogate"),
      );
    },
  );
});

const BAD_VALUES = ["\r", "\n", "\r\n", "tail\r\nX-Injected: 1", "tail\n", "\ntail", "a\rb", "a\0b", "a\x7fb", "中", "a\u2028b"];
const INVOKE = "/v2/{project_id}/fgs/functions/{function_urn}/invocations" as const;

describe("header values", () => {
  it.each(BAD_VALUES.map((value) => [value]))(
    "refuses %j in an operation header with an InvalidInputError naming it, sending nothing",
    async (value) => {
      const { client, requests } = createObservedClient();
      const error = await client
        .POST(INVOKE, { params: { path: { function_urn: URN }, header: { "X-Cff-Log-Type": value } }, body: {} })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).field).toBe("params.header.X-Cff-Log-Type");
      expect((error as Error).message).toContain("X-Cff-Log-Type");
      expect((error as Error).message).not.toContain(value);
      expect(requests).toHaveLength(0);
    },
  );

  it.each(BAD_VALUES.map((value) => [value]))(
    "refuses %j in a per-call header with an InvalidInputError naming it, sending nothing",
    async (value) => {
      const { client, requests } = createObservedClient();
      const error = await client
        .GET("/v2/{project_id}/fgs/functions", { headers: { "X-Custom": value } })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).field).toBe("headers.X-Custom");
      expect((error as Error).message).toContain("X-Custom");
      expect(requests).toHaveLength(0);
    },
  );

  it.each(BAD_VALUES.map((value) => [value]))("refuses %j in the client's default headers at creation", (value) => {
    let sent = 0;
    const create = () =>
      createFunctionGraphClient({
        region: "cn-north-4",
        projectId: PROJECT,
        credentials: AKSK,
        headers: { "X-Custom": value },
        fetch: async () => {
          sent++;
          return Response.json({});
        },
      });
    expect(create).toThrow(InvalidInputError);
    expect(create).toThrow(/^headers\.X-Custom: /);
    expect(sent).toBe(0);
  });

  it("checks the whole header name, dots included", async () => {
    const { client, requests } = createObservedClient();
    await client.GET("/v2/{project_id}/fgs/functions", { headers: { "X-Trace.Id": "1" } });
    expect(requests[0]?.headers.get("x-trace.id")).toBe("1");
    const error = await client
      .GET("/v2/{project_id}/fgs/functions", { headers: { "Bad Name.Id": "1" } })
      .catch((e: unknown) => e);
    expect(error).toEqual(new InvalidInputError("headers.Bad Name.Id", "is not a valid header name"));
  });

  it("sends header values that are fine unchanged", async () => {
    const { client, requests } = createObservedClient();
    for (const value of ["tail", "a\tb", "caf\xe9", "  x  ", ""]) {
      requests.length = 0;
      await client.POST(INVOKE, { params: { path: { function_urn: URN }, header: { "X-Cff-Log-Type": value } }, body: {} });
      expect(requests).toHaveLength(1);
      expect(requests[0]?.headers.get("x-cff-log-type")).toBe(value.trim());
    }
  });

  // Checked here: fetch's own TypeError would quote the value ("Headers.append: "a\nb" is an invalid header value").
  it("refuses CR/LF in headers given as [name, value] pairs with an InvalidInputError", async () => {
    const { client, requests } = createObservedClient();
    const error = await client
      .GET("/v2/{project_id}/fgs/functions", { headers: [["X-Custom", "a\r\nb"]] as unknown as Record<string, string> })
      .catch((e: unknown) => e);
    expect(requests).toHaveLength(0);
    expect(error).toBeInstanceOf(InvalidInputError);
  });
});
