// Where a client sends its calls is checked strictly: plain http only with allowInsecureHttp set to
// true itself, a region that is a string, resolveEndpoint's own options only; and the list of
// regions cannot be changed from elsewhere in the program.
import { describe, expect, it } from "vitest";
import { createFunctionGraphClient, REGIONS, resolveEndpoint } from "../src/index.js";
import { AKSK, PROJECT } from "./helpers.js";

describe("allowInsecureHttp", () => {
  it('opts in only when it is true: a string such as "false" is refused, not taken as yes', () => {
    for (const allowInsecureHttp of ["false", "yes", 1])
      expect(
        () =>
          createFunctionGraphClient({
            endpoint: "http://fg.example.com",
            projectId: PROJECT,
            credentials: AKSK,
            allowInsecureHttp: allowInsecureHttp as never,
          }),
        String(allowInsecureHttp),
      ).toThrow("allowInsecureHttp: must be true or false");
    expect(() => resolveEndpoint({ endpoint: "http://fg.example.com", allowInsecureHttp: "false" as never })).toThrow(
      "allowInsecureHttp: must be true or false",
    );
    expect(resolveEndpoint({ endpoint: "http://fg.example.com", allowInsecureHttp: true })).toBe("http://fg.example.com");
  });

  it("is refused when it is not true or false beside a region too, where no endpoint would check it", () => {
    expect(() => resolveEndpoint({ region: "cn-north-4", allowInsecureHttp: "false" as never })).toThrow(
      "allowInsecureHttp: must be true or false",
    );
    expect(() =>
      createFunctionGraphClient({ region: "cn-north-4", projectId: PROJECT, credentials: AKSK, allowInsecureHttp: 1 as never }),
    ).toThrow("allowInsecureHttp: must be true or false");
  });
});

describe("resolveEndpoint", () => {
  it("refuses a host without its scheme (as Huawei Cloud's endpoint tables list it) by saying so", () => {
    for (const endpoint of [
      "functiongraph.cn-north-4.myhuaweicloud.com",
      "functiongraph.cn-north-4.myhuaweicloud.com:443",
      "localhost:4010",
    ])
      expect(() => resolveEndpoint({ endpoint })).toThrow(
        'endpoint: must be a URL with its scheme, such as "https://functiongraph.cn-north-4.myhuaweicloud.com"',
      );
  });

  it("refuses an endpoint holding the API's /v2 path, which every call would repeat (/v2/v2/...)", () => {
    const message =
      'endpoint: must not include the API\'s path (/v2/...): the client adds /v2/{project_id}/... itself; give the base, such as "https://functiongraph.cn-north-4.myhuaweicloud.com"';
    for (const endpoint of [
      "https://functiongraph.cn-north-4.myhuaweicloud.com/v2",
      "https://functiongraph.cn-north-4.myhuaweicloud.com/v2/",
      "https://functiongraph.cn-north-4.myhuaweicloud.com/v2/0123456789abcdef0123456789abcdef",
      "http://127.0.0.1:4010/v2/0123456789abcdef0123456789abcdef/fgs",
      "https://gateway.example.com/api/v2/{project_id}/fgs/functions",
      "https://gateway.example.com/fg/V2",
    ])
      expect(() => createFunctionGraphClient({ endpoint, projectId: "p", credentials: { ak: "AK", sk: "SK" } })).toThrow(message);
    // A gateway's own prefix stays allowed.
    expect(resolveEndpoint({ endpoint: "https://gateway.example.com/functiongraph/" })).toBe(
      "https://gateway.example.com/functiongraph",
    );
    expect(resolveEndpoint({ endpoint: "https://gateway.example.com/v20" })).toBe("https://gateway.example.com/v20");
    // One that only has a v2 segment of its own, before its own path.
    expect(resolveEndpoint({ endpoint: "https://gateway.example.com/api/v2/fg" })).toBe("https://gateway.example.com/api/v2/fg");
  });

  it("refuses a region that is not a string by name", () => {
    expect(() => resolveEndpoint({ region: Symbol("cn-north-4") as never })).toThrow("region: must be a string");
  });

  it("refuses an option it does not know (a misspelt endpoint would be ignored)", () => {
    expect(() => resolveEndpoint({ region: "cn-north-4", endpiont: "https://x" } as never)).toThrow(/endpiont/);
  });
});

describe("REGIONS", () => {
  it("cannot be changed by the program (a push would change what every client accepts)", () => {
    expect(Object.isFrozen(REGIONS)).toBe(true);
    expect(() => (REGIONS as unknown as string[]).push("xx-fake-1")).toThrow(TypeError);
  });
});

describe("the client's own headers", () => {
  it("must be a record: an array, bytes or a Map would be sent as headers named 0, 1, ... or not at all", () => {
    for (const headers of [[1, 2], new Uint8Array([1, 2]), new Map([["a", "b"]]), "abc"])
      expect(
        () =>
          createFunctionGraphClient({ region: "cn-north-4", projectId: PROJECT, credentials: AKSK, headers: headers as never }),
        String(headers),
      ).toThrow("headers: must be a record of header names to values, or a Headers");
    for (const headers of [{ "X-Trace": "1" }, new Headers({ "X-Trace": "1" })])
      expect(() =>
        createFunctionGraphClient({ region: "cn-north-4", projectId: PROJECT, credentials: AKSK, headers: headers as never }),
      ).not.toThrow();
  });
});
