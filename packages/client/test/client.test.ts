import { inspect } from "node:util";
import { InvalidInputError } from "@fgkit/helpers";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type CallResponse,
  createFunctionGraphClient,
  type FetchLike,
  type FunctionGraphClient,
  type FunctionGraphErrorOptions,
  type FunctionGraphPaths,
  REGIONS,
  type Schemas,
} from "../src/index.js";
import { AKSK, createObservedClient, PROJECT, URN } from "./helpers.js";

describe("createFunctionGraphClient", () => {
  it("fills project_id, keeps URN colons raw and signs the request", async () => {
    const { client, requests } = createObservedClient(() => Response.json({ func_urn: URN, func_name: "hello" }));
    const { data } = await client.GET("/v2/{project_id}/fgs/functions/{function_urn}/config", {
      params: { path: { function_urn: URN } },
    });
    expect(data?.func_name).toBe("hello");
    const [request] = requests;
    expect(request?.url).toBe(`https://functiongraph.cn-north-4.myhuaweicloud.com/v2/${PROJECT}/fgs/functions/${URN}/config`);
    expect(request?.headers.get("x-project-id")).toBe(PROJECT);
    expect(request?.headers.get("x-sdk-date")).toMatch(/^\d{8}T\d{6}Z$/);
    expect(request?.headers.get("authorization")).toMatch(
      /^SDK-HMAC-SHA256 Access=HPUAEXAMPLEAK0123456, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=[0-9a-f]{64}$/,
    );
  });

  it("says Content-Type: application/json on every request, bodyless ones too, as the official SDK does", async () => {
    const { client, requests } = createObservedClient(() => new Response(null, { status: 204 }));
    await client.GET("/v2/{project_id}/fgs/quotas");
    await client.DELETE("/v2/{project_id}/fgs/functions/{function_urn}", { params: { path: { function_urn: URN } } });
    await client.POST("/v2/{project_id}/fgs/functions/enable-lts-logs");
    for (const request of requests) {
      expect(request.headers.get("content-type"), request.method).toBe("application/json");
      expect(request.headers.get("authorization"), request.method).toContain("SignedHeaders=content-type;host;");
    }
    expect(await requests[2]?.text()).toBe("");
    // One of the caller's own is sent instead, whatever its case.
    const { client: custom, requests: sent } = createObservedClient(undefined, { headers: { "content-type": "text/plain" } });
    await custom.GET("/v2/{project_id}/fgs/quotas");
    await client.GET("/v2/{project_id}/fgs/quotas", { headers: { "Content-Type": "application/xml" } });
    expect(sent[0]?.headers.get("content-type")).toBe("text/plain");
    expect(requests[3]?.headers.get("content-type")).toBe("application/xml");
  });

  it("sends the parameters the API reference has and the official SDK lacks (is_bridge, retain_repo, repository)", async () => {
    const { client, requests } = createObservedClient(() => new Response(null, { status: 200 }));
    await client.GET("/v2/{project_id}/fgs/functions/{function_urn}/config", {
      params: { path: { function_urn: URN }, query: { is_bridge: "true" } },
    });
    await client.DELETE("/v2/{project_id}/fgs/applications/{id}", {
      params: { path: { id: "app-1" }, query: { retain_repo: true } },
    });
    await client.POST("/v2/{project_id}/fgs/applications", {
      body: { name: "thumbnails", template_id: "t-1", repository: { create_repo: false, project_uuid: "p-1" } },
    });
    expect(new URL(requests[0]?.url ?? "").search).toBe("?is_bridge=true");
    expect(new URL(requests[1]?.url ?? "").search).toBe("?retain_repo=true");
    expect(JSON.parse((await requests[2]?.text()) ?? "")).toMatchObject({
      repository: { create_repo: false, project_uuid: "p-1" },
    });
  });

  it("takes a runtime newer than the spec's list (the type is open: the known names are listed, any string is taken)", async () => {
    const { client, requests } = createObservedClient(() => Response.json({ func_name: "hello", runtime: "Python3.12" }));
    const known: Schemas["Runtime"] = "Node.js18.15";
    const newer: Schemas["Runtime"] = "Node.js20.15";
    // @ts-expect-error still a string
    const wrong: Schemas["Runtime"] = 20;
    const { data } = await client.POST("/v2/{project_id}/fgs/functions", {
      body: {
        func_name: "hello",
        package: "default",
        runtime: newer,
        handler: "index.handler",
        memory_size: 128,
        timeout: 3,
        code_type: "inline",
      },
    });
    const returned: string | undefined = data?.runtime;
    expect([known, returned, wrong]).toEqual(["Node.js18.15", "Python3.12", 20]);
    expect(JSON.parse(await (requests[0] as Request).text())).toMatchObject({ runtime: "Node.js20.15" });
  });

  it("fills project_id on calls that have no other path parameter", async () => {
    const { client, requests } = createObservedClient(() => Response.json({ quotas: { resources: [] } }));
    await client.GET("/v2/{project_id}/fgs/quotas");
    expect(new URL(requests[0]?.url ?? "").pathname).toBe(`/v2/${PROJECT}/fgs/quotas`);
  });

  it("sends query parameters and a JSON body exactly as signed", async () => {
    const { client, requests } = createObservedClient(() => Response.json({ total_count: 0, resources: [] }));
    await client.POST("/v2/{project_id}/{resource_type}/resource-instances/{action}", {
      params: { path: { resource_type: "functions", action: "filter" } },
      body: { matches: [{ key: "resource_name", value: "hello" }] },
    });
    const request = requests[0] as Request;
    expect(request.method).toBe("POST");
    expect(await request.text()).toBe('{"matches":[{"key":"resource_name","value":"hello"}]}');
    expect(request.headers.get("content-type")).toBe("application/json");
  });

  it("leaves out a query parameter or a body field given as undefined (the types take it, for exactOptionalPropertyTypes)", async () => {
    const { client, requests } = createObservedClient(() => Response.json({ version: "v1" }));
    const next: string | undefined = undefined;
    await client.GET("/v2/{project_id}/fgs/functions", { params: { query: { marker: next, maxitems: "2" } } });
    await client.POST("/v2/{project_id}/fgs/functions/{function_urn}/versions", {
      params: { path: { function_urn: URN } },
      body: { version: "v1", description: undefined },
    });
    expect(new URL((requests[0] as Request).url).search).toBe("?maxitems=2");
    expect(await (requests[1] as Request).text()).toBe('{"version":"v1"}');
  });

  it("sends an IAM token instead of a signature with token credentials", async () => {
    const { client, requests } = createObservedClient(() => Response.json({ functions: [] }), {
      credentials: { token: "MIIT-example-token" },
    });
    await client.GET("/v2/{project_id}/fgs/functions", { params: { query: { maxitems: "10" } } });
    expect(requests[0]?.headers.get("x-auth-token")).toBe("MIIT-example-token");
    expect(requests[0]?.headers.has("authorization")).toBe(false);
    expect(new URL(requests[0]?.url ?? "").search).toBe("?maxitems=10");
  });

  it("asks an async token provider before every request", async () => {
    let calls = 0;
    const { client, requests } = createObservedClient(() => Response.json({ functions: [] }), {
      credentials: async () => `token-${++calls}`,
    });
    await client.GET("/v2/{project_id}/fgs/functions");
    await client.GET("/v2/{project_id}/fgs/functions");
    expect(requests.map((r) => r.headers.get("x-auth-token"))).toEqual(["token-1", "token-2"]);
  });

  it.each([
    ["../etc", "..%2Fetc"],
    ["a/b?c#d", "a%2Fb%3Fc%23d"],
    ["my func", "my%20func"],
  ])("percent-encodes the path value %j so it cannot change the path", async (value, encoded) => {
    const { client, requests } = createObservedClient();
    await client.GET("/v2/{project_id}/fgs/functions/{function_urn}/config", { params: { path: { function_urn: value } } });
    expect(new URL(requests[0]?.url ?? "").pathname).toBe(`/v2/${PROJECT}/fgs/functions/${encoded}/config`);
  });

  it.each([[""], ["."], [".."]])("refuses the path value %j before sending", async (value) => {
    const { client, requests } = createObservedClient();
    await expect(
      client.GET("/v2/{project_id}/fgs/functions/{function_urn}/config", { params: { path: { function_urn: value } } }),
    ).rejects.toThrow(
      new InvalidInputError("params.path.function_urn", value ? `"${value}" would change the path` : "must not be empty"),
    );
    expect(requests).toHaveLength(0);
  });

  it("refuses a malformed token from a provider as bad input, not a network error, and sends nothing", async () => {
    const { client, requests } = createObservedClient(undefined, { credentials: async () => "token\r\nX-Evil: 1" });
    await expect(client.GET("/v2/{project_id}/fgs/quotas")).rejects.toThrow(
      new InvalidInputError("credentials.token", "contains a character that cannot be sent in a header"),
    );
    expect(requests).toHaveLength(0);
  });

  it("refuses a missing path parameter, naming it", async () => {
    const { client, requests } = createObservedClient();
    // @ts-expect-error function_urn is required
    const call = client.GET("/v2/{project_id}/fgs/functions/{function_urn}/config", { params: { path: {} } });
    await expect(call).rejects.toThrow("params.path.function_urn: is required");
    // Misspelt (or another operation's name for it): the stray name is pointed out.
    const misspelt = client.GET("/v2/{project_id}/fgs/functions/{function_urn}/config", {
      // @ts-expect-error func_urn is the statistics path's name for it
      params: { path: { func_urn: URN } },
    });
    await expect(misspelt).rejects.toThrow(
      new InvalidInputError("params.path.function_urn", "is required (this path has no params.path.func_urn)"),
    );
    expect(requests).toHaveLength(0);
  });

  it("refuses a header value with CR/LF, naming the header", async () => {
    const { client, requests } = createObservedClient();
    const call = client.POST("/v2/{project_id}/fgs/functions/{function_urn}/invocations", {
      params: { path: { function_urn: URN }, header: { "X-Cff-Log-Type": "tail\r\nX-Evil: 1" } },
      body: {},
    });
    await expect(call).rejects.toThrow("params.header.X-Cff-Log-Type: contains CR, LF");
    expect(requests).toHaveLength(0);
  });

  it("refuses a header value with NUL, another control character or one beyond Latin-1, naming the header", async () => {
    const { client, requests } = createObservedClient();
    for (const value of ["a\u0000b", "a\u0007b", "a\u007fb", "10 \u20ac"]) {
      const call = client.GET("/v2/{project_id}/fgs/functions", { headers: { "X-Note": value } });
      await expect(call).rejects.toThrow("headers.X-Note: contains CR, LF or another character a header cannot carry");
    }
    await client.GET("/v2/{project_id}/fgs/functions", { headers: { "X-Note": "caf\u00e9\tok" } });
    expect(requests).toHaveLength(1);
  });

  it.each([
    ["a BigInt", { n: 1n }, "body.n: is a BigInt, which JSON cannot hold: give it as a number or a string"],
    [
      "a BigInt in an array",
      { list: [1, 2n] },
      "body.list[1]: is a BigInt, which JSON cannot hold: give it as a number or a string",
    ],
    ["a BigInt as the body", 3n, "body: is a BigInt, which JSON cannot hold: give it as a number or a string"],
    // Firefox and Safari word it so (the value's toJSON stands in for their JSON.stringify here).
    [
      "a cycle, as Firefox reports it",
      {
        toJSON() {
          throw new TypeError("cyclic object value");
        },
      },
      "body: contains a circular reference",
    ],
    [
      "a toJSON that fails",
      {
        toJSON() {
          throw new Error("nope");
        },
      },
      "body: cannot be serialised as JSON",
    ],
    [
      "a cycle",
      (() => {
        const o: Record<string, unknown> = {};
        o.self = o;
        return o;
      })(),
      "body: contains a circular reference",
    ],
    // What JSON would change without a word: NaN and Infinity into null, a Map or a Set into {}.
    [
      "NaN (an unset variable read with Number())",
      { memory: Number(undefined) },
      "body.memory: must be a finite number, got NaN",
    ],
    [
      "Infinity deep inside",
      { config: { limits: [1, Number.POSITIVE_INFINITY] } },
      "body.config.limits[1]: must be a finite number, got Infinity",
    ],
    [
      "a Map",
      { variables: new Map([["A", "1"]]) },
      "body.variables: is a Map, which JSON would send as {}: use a plain object or an array",
    ],
    ["a Set", { ids: new Set([1]) }, "body.ids: is a Set, which JSON would send as {}: use a plain object or an array"],
  ])("refuses a body with %s before sending", async (_, body, message) => {
    const { client, requests } = createObservedClient();
    const call = client.POST("/v2/{project_id}/fgs/functions/{function_urn}/invocations", {
      params: { path: { function_urn: URN } },
      body: body as Record<string, unknown>,
    });
    await expect(call).rejects.toThrow(message);
    expect(requests).toHaveLength(0);
  });

  it("sends a BigInt as its toJSON gives it, when the program gave BigInt one", async () => {
    const { client, requests } = createObservedClient();
    await withBigIntToJson(() =>
      client.POST("/v2/{project_id}/fgs/functions/{function_urn}/invocations", {
        params: { path: { function_urn: URN } },
        body: { n: 12345678901234567890n } as never,
      }),
    );
    expect(await requests[0]?.text()).toBe('{"n":"12345678901234567890"}');
  });

  it("names the lossy field, not a BigInt the program gave a toJSON, when both are in the body", async () => {
    const { client, requests } = createObservedClient();
    await withBigIntToJson(async () => {
      const call = client.POST("/v2/{project_id}/fgs/functions/{function_urn}/invocations", {
        params: { path: { function_urn: URN } },
        body: { n: 1n, z: Number.NaN } as never,
      });
      await expect(call).rejects.toThrow("body.z: must be a finite number, got NaN");
    });
    expect(requests).toHaveLength(0);
  });

  it("sends to the region's host for every listed region, and refuses any other region before sending", async () => {
    for (const region of REGIONS) {
      const { client, requests } = createObservedClient(undefined, { region });
      await client.GET("/v2/{project_id}/fgs/quotas");
      expect(new URL(requests[0]?.url ?? "").host).toBe(`functiongraph.${region}.myhuaweicloud.com`);
    }
    for (const region of ["cn-north", "CN-NORTH-4", "cn-north-4.evil.example", "cn-north-4/", " cn-north-4", ""])
      expect(() => createFunctionGraphClient({ region, projectId: PROJECT, credentials: AKSK }), region).toThrow(
        `region: unknown region "${region}"`,
      );
  });

  it("points a well-formed region it does not know to the endpoint option, and only such a region", () => {
    expect(() => createFunctionGraphClient({ region: "cn-east-9", projectId: PROJECT, credentials: AKSK })).toThrow(
      'region: unknown region "cn-east-9"; known regions: cn-north-4, ',
    );
    expect(() => createFunctionGraphClient({ region: "cn-east-9", projectId: PROJECT, credentials: AKSK })).toThrow(
      /; if it is not a misspelling but a region newer than this list, pass endpoint: "https:\/\/functiongraph\.cn-east-9\.myhuaweicloud\.com"$/,
    );
    for (const region of ["eu-west-102", "my-kualalumpur-2"])
      expect(() => createFunctionGraphClient({ region, projectId: PROJECT, credentials: AKSK }), region).toThrow(
        `pass endpoint: "https://functiongraph.${region}.myhuaweicloud.com"`,
      );
    for (const region of ["cn-north", "mars-1", "cn-north-4.evil.example", "CN-NORTH-4", "cn-north-4/x", "cn-east-9\n"])
      expect(() => createFunctionGraphClient({ region, projectId: PROJECT, credentials: AKSK }), region).toThrow(
        /known regions: [^;]*$/,
      );
  });

  it("names the one listed region a misspelt region is near, and none when two are as near", () => {
    for (const [region, near] of [
      ["cn-nort-4", "cn-north-4"],
      ["CN-NORTH-4", "cn-north-4"],
      [" ap-southeast-1 ", "ap-southeast-1"],
      ["cn-north-4/", "cn-north-4"],
      // The endpoint's host given as the region.
      ["functiongraph.cn-north-4.myhuaweicloud.com", "cn-north-4"],
      ["https://functiongraph.ap-southeast-1.myhuaweicloud.com/", "ap-southeast-1"],
    ])
      expect(() => createFunctionGraphClient({ region, projectId: PROJECT, credentials: AKSK }), region).toThrow(
        `region: unknown region "${region}" (did you mean "${near}"?); known regions: `,
      );
    for (const region of [
      "cn-north-5",
      "cn-north",
      "mars-1",
      "cn-north-4.evil.example",
      "functiongraph.mars-1.myhuaweicloud.com",
    ])
      expect(() => createFunctionGraphClient({ region, projectId: PROJECT, credentials: AKSK }), region).not.toThrow(
        "did you mean",
      );
  });

  it("refuses bad options with the field named", () => {
    expect(() => createFunctionGraphClient({ region: "mars-1", projectId: PROJECT, credentials: AKSK })).toThrow(
      /^region: unknown region "mars-1"/,
    );
    expect(() => createFunctionGraphClient({ projectId: PROJECT, credentials: AKSK })).toThrow(
      "region: give a region (e.g. cn-north-4) or an endpoint",
    );
    expect(() => createFunctionGraphClient({ region: "cn-north-4", projectId: "", credentials: AKSK })).toThrow(
      "projectId: must not be empty",
    );
    for (const projectId of ["../x", "p/q", "id with space", "中"])
      expect(() => createFunctionGraphClient({ region: "cn-north-4", projectId, credentials: AKSK })).toThrow(
        "projectId: must be a project ID: letters, digits, - or _ (32 hex characters)",
      );
    expect(() =>
      createFunctionGraphClient({ region: "cn-north-4", projectId: PROJECT, credentials: { ak: "AK", sk: "" } }),
    ).toThrow("credentials.sk: must be a non-empty string");
    expect(() =>
      createFunctionGraphClient({ endpoint: "http://functiongraph.example.com", projectId: PROJECT, credentials: AKSK }),
    ).toThrow(/^endpoint: plain http: is only allowed for loopback/);
    expect(() =>
      createFunctionGraphClient({ endpoint: "http://127.0.0.1:4010", projectId: PROJECT, credentials: AKSK }),
    ).not.toThrow();
    expect(() =>
      createFunctionGraphClient({
        endpoint: "http://proxy.internal:8080",
        allowInsecureHttp: true,
        projectId: PROJECT,
        credentials: AKSK,
      }),
    ).not.toThrow();
  });
});

describe("types", () => {
  it("rejects wrong paths and missing required parameters at compile time", () => {
    const { client } = createObservedClient();
    const never = () => {
      // @ts-expect-error no such path
      client.GET("/v2/{project_id}/fgs/no-such-thing");
      // @ts-expect-error project_id is filled by the client, not the caller
      client.GET("/v2/{project_id}/fgs/functions", { params: { path: { project_id: "x" } } });
      // @ts-expect-error POST on a GET-only path
      client.POST("/v2/{project_id}/fgs/quotas");
      // @ts-expect-error function_urn missing
      client.GET("/v2/{project_id}/fgs/functions/{function_urn}/config", {});
      // @ts-expect-error maxitems is a string in the API
      client.GET("/v2/{project_id}/fgs/functions", { params: { query: { maxitems: 10 } } });
    };
    expect(typeof never).toBe("function");
  });

  it("names a misspelt body field or query key, and a call option the client refuses, at compile time", () => {
    const { client } = createObservedClient();
    const fn = { params: { path: { function_urn: "urn:fss:cn-north-4:p:function:default:f:latest" } } };
    const never = () => {
      client.POST("/v2/{project_id}/fgs/functions/{function_urn}/aliases", {
        ...fn,
        // @ts-expect-error additional_version_weights, misspelt (it would be sent, and the alias get no canary)
        body: { name: "prod", version: "1", additional_version_weight: { "2": 10 } },
      });
      // @ts-expect-error package_name, misspelt (every function would be listed)
      client.GET("/v2/{project_id}/fgs/functions", { params: { query: { maxitems: "100", package_nam: "default" } } });
      // @ts-expect-error retries are set through withOptions
      client.GET("/v2/{project_id}/fgs/quotas", { retry: { maxAttempts: 1 } });
      // @ts-expect-error the endpoint is the client's
      client.GET("/v2/{project_id}/fgs/quotas", { baseUrl: "https://elsewhere.example" });
      // @ts-expect-error the transport is the client's
      client.GET("/v2/{project_id}/fgs/quotas", { fetch: globalThis.fetch });
      // @ts-expect-error a redirect is never followed
      client.GET("/v2/{project_id}/fgs/quotas", { redirect: "follow" });
      // @ts-expect-error query parameters go in params
      client.GET("/v2/{project_id}/fgs/functions", { query: { maxitems: "1" } });
      // @ts-expect-error request() checks the same
      client.request("get", "/v2/{project_id}/fgs/functions", { params: { query: { package_nam: "default" } } });
    };
    expect(typeof never).toBe("function");
  });

  it("names every misspelt path, not only the first, and lets the methods be mocked", () => {
    const { client } = createObservedClient();
    const never = () => {
      // @ts-expect-error "function", not "functions"
      client.GET("/v2/{project_id}/fgs/function/{function_urn}/config", { params: { path: { function_urn: "u" } } });
      // @ts-expect-error a second misspelt path in the same file is named too
      client.GET("/v2/{project_id}/fgs/tirggers/{function_urn}", { params: { path: { function_urn: "u" } } });
      // @ts-expect-error and through request()
      client.request("get", "/v2/{project_id}/fgs/functionzz");
    };
    // A test double typed as the method (the compiler used to give up on it: TS2589).
    const get = vi.fn<FunctionGraphClient["GET"]>();
    get.mockResolvedValue({ data: { quotas: {} }, response: new Response() } as never);
    type Init = Parameters<FunctionGraphClient["GET"]>[1];
    const init: Init = { params: { query: { maxitems: "1" } } };
    expect([typeof never, typeof get, typeof init]).toEqual(["function", "function", "object"]);
  });

  it("types the answer by path, and by parseAs when given", async () => {
    const { client } = createObservedClient();
    const listed = await client.GET("/v2/{project_id}/fgs/functions", { params: { query: { maxitems: "1" } } });
    const name: string | undefined = listed.data?.functions?.[0]?.func_name;
    const text = await client.GET("/v2/{project_id}/fgs/quotas", { parseAs: "text" });
    const body: string | undefined = text.data;
    // @ts-expect-error parseAs "text" gives a string
    const notJson: { quotas?: unknown } | undefined = text.data;
    expect({ name, body, notJson }).toEqual({ name: undefined, body: "{}", notJson: "{}" });
  });
});

describe("credentials and projectId left out: read from the official SDKs' environment variables", () => {
  const ENV_AK = "HPUAENVIRONMENTAK0001";
  const ENV_SK = "EnvironmentSecretKey0123456789abcdefghijkl";
  const ENV_PROJECT = "fedcba9876543210fedcba9876543210";
  const observe = (options: Record<string, unknown>) => {
    const requests: Request[] = [];
    const client = createFunctionGraphClient({
      region: "cn-north-4",
      fetch: async (request) => {
        requests.push(request);
        return Response.json({});
      },
      ...options,
    });
    return { client, requests };
  };
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("signs with HUAWEICLOUD_SDK_AK/_SK (and _SECURITY_TOKEN) for HUAWEICLOUD_SDK_PROJECT_ID, and never shows the SK", async () => {
    vi.stubEnv("HUAWEICLOUD_SDK_SECURITY_TOKEN", "");
    vi.stubEnv("HUAWEICLOUD_SDK_AK", ENV_AK);
    vi.stubEnv("HUAWEICLOUD_SDK_SK", ENV_SK);
    vi.stubEnv("HUAWEICLOUD_SDK_PROJECT_ID", ENV_PROJECT);
    const { client, requests } = observe({});
    await client.GET("/v2/{project_id}/fgs/quotas");
    expect(new URL(requests[0]?.url ?? "").pathname).toBe(`/v2/${ENV_PROJECT}/fgs/quotas`);
    expect(requests[0]?.headers.get("x-project-id")).toBe(ENV_PROJECT);
    expect(requests[0]?.headers.get("authorization")).toContain(`Access=${ENV_AK}, `);
    expect(requests[0]?.headers.get("x-security-token")).toBeNull();
    expect(inspect(client, { depth: 10, showHidden: true })).not.toContain(ENV_SK);

    vi.stubEnv("HUAWEICLOUD_SDK_SECURITY_TOKEN", "env-security-token");
    const temporary = observe({});
    await temporary.client.GET("/v2/{project_id}/fgs/quotas");
    expect(temporary.requests[0]?.headers.get("x-security-token")).toBe("env-security-token");
  });

  it("reads RUNTIME_PROJECT_ID, which FunctionGraph sets in a function, when HUAWEICLOUD_SDK_PROJECT_ID is not set", async () => {
    vi.stubEnv("HUAWEICLOUD_SDK_PROJECT_ID", "");
    vi.stubEnv("RUNTIME_PROJECT_ID", ENV_PROJECT);
    const inFunction = observe({ credentials: AKSK });
    await inFunction.client.GET("/v2/{project_id}/fgs/quotas");
    expect(new URL(inFunction.requests[0]?.url ?? "").pathname).toBe(`/v2/${ENV_PROJECT}/fgs/quotas`);
    expect(inFunction.requests[0]?.headers.get("x-project-id")).toBe(ENV_PROJECT);
    // The official SDKs' variable comes first; the option before either.
    vi.stubEnv("HUAWEICLOUD_SDK_PROJECT_ID", PROJECT);
    const both = observe({ credentials: AKSK });
    await both.client.GET("/v2/{project_id}/fgs/quotas");
    expect(both.requests[0]?.headers.get("x-project-id")).toBe(PROJECT);
    vi.stubEnv("HUAWEICLOUD_SDK_PROJECT_ID", "");
    vi.stubEnv("RUNTIME_PROJECT_ID", "not a project");
    expect(() => observe({ credentials: AKSK })).toThrow(
      "projectId: not given, and RUNTIME_PROJECT_ID is not a project ID (letters, digits, - or _)",
    );
  });

  it("uses the options when given, whatever the environment holds", async () => {
    vi.stubEnv("HUAWEICLOUD_SDK_AK", ENV_AK);
    vi.stubEnv("HUAWEICLOUD_SDK_SK", ENV_SK);
    vi.stubEnv("HUAWEICLOUD_SDK_PROJECT_ID", ENV_PROJECT);
    const { client, requests } = observe({ projectId: PROJECT, credentials: AKSK });
    await client.GET("/v2/{project_id}/fgs/quotas");
    expect(requests[0]?.headers.get("x-project-id")).toBe(PROJECT);
    expect(requests[0]?.headers.get("authorization")).toContain(`Access=${AKSK.ak}, `);
  });

  it("refuses by name what neither the options nor the environment give, without the values", () => {
    vi.stubEnv("HUAWEICLOUD_SDK_AK", "");
    vi.stubEnv("HUAWEICLOUD_SDK_SK", ENV_SK);
    vi.stubEnv("HUAWEICLOUD_SDK_PROJECT_ID", "");
    vi.stubEnv("RUNTIME_PROJECT_ID", "");
    expect(() => observe({ credentials: AKSK })).toThrow(
      "projectId: not given, and neither HUAWEICLOUD_SDK_PROJECT_ID nor RUNTIME_PROJECT_ID (set in a FunctionGraph function) is set",
    );
    expect(() => observe({ projectId: PROJECT })).toThrow(
      "credentials: not given, and the environment has no usable keys (HUAWEICLOUD_SDK_AK: is not set)",
    );
    vi.stubEnv("HUAWEICLOUD_SDK_AK", ENV_AK);
    vi.stubEnv("HUAWEICLOUD_SDK_SK", `${ENV_SK}\n`);
    const refused = (() => {
      try {
        observe({ projectId: PROJECT });
      } catch (error) {
        return error as Error;
      }
    })();
    expect(InvalidInputError.isInstance(refused) && refused.field).toBe("credentials");
    expect(refused?.message).toContain("(HUAWEICLOUD_SDK_SK: must not start or end with whitespace)");
    expect(`${refused?.message} ${JSON.stringify(refused)} ${inspect(refused)}`).not.toContain(ENV_SK);
    vi.stubEnv("HUAWEICLOUD_SDK_PROJECT_ID", "not a project");
    expect(() => observe({ credentials: AKSK })).toThrow(
      "projectId: not given, and HUAWEICLOUD_SDK_PROJECT_ID is not a project ID (letters, digits, - or _)",
    );
  });

  it("reads the environment only for an option left out: null is refused as before", () => {
    vi.stubEnv("HUAWEICLOUD_SDK_AK", ENV_AK);
    vi.stubEnv("HUAWEICLOUD_SDK_SK", ENV_SK);
    vi.stubEnv("HUAWEICLOUD_SDK_PROJECT_ID", ENV_PROJECT);
    expect(() => observe({ credentials: null })).toThrow(/^credentials: /);
    expect(() => observe({ projectId: null })).toThrow(/^projectId: /);
  });

  it("says credentials and projectId must be given where there is no process.env (a browser)", () => {
    const withoutProcess = (options: Record<string, unknown>) => {
      const saved = globalThis.process;
      try {
        (globalThis as { process?: unknown }).process = undefined;
        createFunctionGraphClient({ region: "cn-north-4", fetch: async () => Response.json({}), ...options });
      } catch (error) {
        return String(error);
      } finally {
        globalThis.process = saved;
      }
    };
    expect(withoutProcess({ projectId: PROJECT })).toContain(
      "credentials: must be given: there is no process.env to read HUAWEICLOUD_SDK_AK and _SK from",
    );
    expect(withoutProcess({ credentials: AKSK })).toContain(
      "projectId: must be given: there is no process.env to read HUAWEICLOUD_SDK_PROJECT_ID from",
    );
  });
});

describe("the type of a plain call's error", () => {
  it("covers what an error answer can carry: the API's object, a gateway's text, or nothing", async () => {
    const answers = [
      Response.json({ error_code: "FSS.1051", error_msg: "not found" }, { status: 404 }),
      new Response("<html>Bad Gateway</html>", { status: 400, headers: { "content-type": "text/html" } }),
      new Response(null, { status: 404 }),
    ];
    const seen: unknown[] = [];
    for (const answer of answers) {
      const { client } = createObservedClient(() => answer);
      const { data, error, response } = await client.GET("/v2/{project_id}/fgs/functions/{function_urn}/config", {
        params: { path: { function_urn: URN } },
      });
      expect(response.ok).toBe(false);
      expect(data).toBeUndefined();
      // Compiled, never run: the checks the type must not let through.
      const unproven = {
        code: () => {
          if (error) {
            // @ts-expect-error a truthy error may be a gateway's text, not the API's object
            return error.error_code;
          }
          return undefined;
        },
        data: () => {
          if (error) return undefined;
          // @ts-expect-error no error does not prove data: an empty error body leaves error undefined
          return data.func_name;
        },
      };
      expect(Object.keys(unproven)).toEqual(["code", "data"]);
      seen.push(typeof error === "object" ? error.error_code : error);
    }
    expect(seen).toEqual(["FSS.1051", "<html>Bad Gateway</html>", undefined]);
  });

  it("types an answer read as JSON (the default) by its JSON media type alone, and one read as text as a string", async () => {
    const { client } = createObservedClient(() => Response.json({ file_name: "f.zip", code_url: "https://obs.example/f.zip" }));
    const fn = { params: { path: { function_urn: URN }, query: { type: "code" as const } } };
    // ExportFunction answers JSON (a link) or text/plain (the Base64 package): only the JSON one is read as JSON.
    const { data: link } = await client.GET("/v2/{project_id}/fgs/functions/{function_urn}/export", fn);
    const asJson: { file_name?: string; code_url?: string } | undefined = link;
    expect(asJson).toEqual({ file_name: "f.zip", code_url: "https://obs.example/f.zip" });
    const { data: text } = await client.GET("/v2/{project_id}/fgs/functions/{function_urn}/export", { ...fn, parseAs: "text" });
    const asText: string | undefined = text;
    expect(asText).toBe('{"file_name":"f.zip","code_url":"https://obs.example/f.zip"}');
  });

  it("names the types of the client's own options and answers (for a strict install with only @fgkit/client)", () => {
    type Answer = CallResponse<FunctionGraphPaths["/v2/{project_id}/fgs/quotas"]["get"]>;
    const transport: FetchLike = async () => Response.json({});
    const options: FunctionGraphErrorOptions = { status: 0, attempts: undefined };
    const answer: Answer = { data: { quotas: { resources: [] } }, response: new Response() };
    expect([typeof transport, options.status, answer.data?.quotas]).toEqual(["function", 0, { resources: [] }]);
  });
});

/** Runs `run` while BigInt has a toJSON (as programs that send BigInts as text give it). */
async function withBigIntToJson(run: () => Promise<unknown>): Promise<void> {
  Object.defineProperty(BigInt.prototype, "toJSON", {
    configurable: true,
    value(this: bigint) {
      return this.toString();
    },
  });
  try {
    await run();
  } finally {
    delete (BigInt.prototype as { toJSON?: unknown }).toJSON;
  }
}
