// Bad input to the signing building blocks is refused by name with an InvalidInputError, never as a
// URIError or a TypeError from inside.
import { describe, expect, it } from "vitest";
import { canonicalQuery, canonicalUri, computeSignature, percentEncode, signRequest } from "../../src/index.js";
import { refused } from "../support/refused.js";

const keys = { ak: "AK", sk: "SK" };
const url = new URL("https://functiongraph.cn-north-4.myhuaweicloud.com/v2/p/fgs/functions");

async function refusedWith(call: () => unknown, message: string): Promise<void> {
  const error = await refused(call, message.slice(0, message.indexOf(": ")));
  expect(error.message).toBe(message);
}

describe("a lone UTF-16 surrogate", () => {
  it.each([["a=\ud800"], ["\udc00=1"], ["a=1&b=x\ud800y"]])(
    "is refused by canonicalQuery in %j, naming search",
    async (search) => {
      await refusedWith(() => canonicalQuery(search), "search: contains a lone UTF-16 surrogate");
    },
  );

  it("is refused by canonicalUri, naming pathname", async () => {
    await refusedWith(() => canonicalUri("/a/\ud800/b"), "pathname: contains a lone UTF-16 surrogate");
  });

  it("is refused by percentEncode, naming value", async () => {
    await refusedWith(() => percentEncode("\udfff"), "value: contains a lone UTF-16 surrogate");
  });

  it("a whole pair is still encoded", () => {
    expect(canonicalQuery("a=\ud83d\ude00")).toBe("a=%F0%9F%98%80");
  });
});

describe("computeSignature's headers", () => {
  it.each([
    [[["a", "b"], 0], "input.headers[1]"],
    [[null], "input.headers[0]"],
    [
      [
        ["a", "b"],
        ["c", 1],
      ],
      "input.headers[1]",
    ],
    [[["a", "b"], "cd"], "input.headers[1]"],
  ])("refuses %j, naming the entry", async (headers, field) => {
    await refusedWith(
      () => computeSignature({ method: "GET", url, headers: headers as never }, keys),
      `${field}: must be a [name, value] pair of strings`,
    );
  });

  it.each([["abc"], [""], ["20251301T000000"], ["+275761-01-01T00:00:00Z"]])(
    "refuses an X-Sdk-Date of %j, naming the header",
    async (date) => {
      const message = "headers.X-Sdk-Date: is not a date; use the form 20250102T030405Z (UTC)";
      await refusedWith(() => computeSignature({ method: "GET", url, headers: [["X-Sdk-Date", date]] }, keys), message);
      await refusedWith(() => signRequest(new Request(url, { headers: { "X-Sdk-Date": date } }), keys), message);
    },
  );

  it("still signs with an X-Sdk-Date in another form Date.parse reads", async () => {
    const signature = await computeSignature(
      { method: "GET", url, headers: [["X-Sdk-Date", "Fri, 02 Jan 2026 03:04:05 GMT"]] },
      keys,
    );
    expect(signature.stringToSign.split("\n")[1]).toBe("20260102T030405Z");
  });

  it("names options.date when it is not a valid Date", async () => {
    await refusedWith(
      () => computeSignature({ method: "GET", url, headers: [] }, keys, { date: new Date(Number.NaN) }),
      "options.date: must be a valid Date",
    );
    await refusedWith(
      () => computeSignature({ method: "GET", url, headers: [] }, keys, { date: 5 as never }),
      "options.date: must be a valid Date",
    );
  });
});
