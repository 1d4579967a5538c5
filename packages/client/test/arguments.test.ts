// The helpers built on a client refuse a wrong argument by name, before anything is sent, instead
// of failing later with a TypeError from deep inside ("client.withOptions is not a function").
import { InvalidInputError } from "@fgkit/helpers";
import { describe, expect, it } from "vitest";
import {
  invokeFunction,
  invokeFunctionAsync,
  paginateListFunctions,
  resolveEndpoint,
  startWorkflowExecution,
  waitUntilAsyncInvocationFinished,
  waitUntilFunctionApplicationCreated,
  waitUntilWorkflowExecutionFinished,
} from "../src/index.js";
import { createObservedClient, URN } from "./helpers.js";

/** The rejection of `call`, checked to be an InvalidInputError with `message`. */
async function refusal(call: () => Promise<unknown>, message: string): Promise<void> {
  const error = await call().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as Error).message).toBe(message);
}

const NOT_A_CLIENT = "client: must be a client from createFunctionGraphClient";

describe("arguments of the helpers built on a client", () => {
  it("invoke and start refuse what is not a client, and options that are not an object", async () => {
    const { client, requests } = createObservedClient();
    for (const wrong of [undefined, null, {}, "client", { GET: () => {} }]) {
      await refusal(() => invokeFunction(wrong as never, URN), NOT_A_CLIENT);
      await refusal(() => invokeFunctionAsync(wrong as never, URN), NOT_A_CLIENT);
      await refusal(() => startWorkflowExecution(wrong as never, "flow-1", {}), NOT_A_CLIENT);
    }
    await refusal(() => invokeFunction(client, URN, {}, null as never), "options: must be an object when given");
    await refusal(() => invokeFunctionAsync(client, URN, {}, 5 as never), "options: must be an object when given");
    await refusal(() => startWorkflowExecution(client, "flow-1", {}, "x" as never), "options: must be an object when given");
    expect(requests).toHaveLength(0);
  });

  it("invoke and start name a missing or bad id by its argument, not by the path parameter it fills", async () => {
    const { client, requests } = createObservedClient();
    for (const wrong of [undefined, null, "", 42, { urn: URN }]) {
      const message = "must be a non-empty string";
      await refusal(() => invokeFunction(client, wrong as never), `functionUrn: ${message}`);
      await refusal(() => invokeFunctionAsync(client, wrong as never), `functionUrn: ${message}`);
      await refusal(() => startWorkflowExecution(client, wrong as never, {}), `workflowId: ${message}`);
    }
    await refusal(
      () => invokeFunction(client, "urn:\ud800"),
      "functionUrn: is not well-formed Unicode (it has a lone UTF-16 surrogate)",
    );
    expect(requests).toHaveLength(0);
  });

  it("waiters refuse a config without a client and a target without its ids", async () => {
    const { client, requests } = createObservedClient();
    await refusal(
      () => waitUntilAsyncInvocationFinished(undefined as never, { functionUrn: URN, requestId: "r" }),
      "config: must be an object with a client",
    );
    await refusal(
      () => waitUntilWorkflowExecutionFinished({ client: {} } as never, { workflowId: "w", executionId: "e" }),
      NOT_A_CLIENT,
    );
    await refusal(
      () => waitUntilAsyncInvocationFinished({ client }, "request-1" as never),
      "target: must be { functionUrn, requestId }",
    );
    await refusal(
      () => waitUntilAsyncInvocationFinished({ client }, { functionUrn: URN } as never),
      "target.requestId: must be a non-empty string",
    );
    await refusal(
      () => waitUntilWorkflowExecutionFinished({ client }, { workflowId: "w", executionId: "" }),
      "target.executionId: must be a non-empty string",
    );
    expect(requests).toHaveLength(0);
  });

  it("waiters refuse options put in the target, where they would be ignored, and say where they go", async () => {
    const { client, requests } = createObservedClient();
    const signal = AbortSignal.abort();
    await refusal(
      () => waitUntilAsyncInvocationFinished({ client }, { functionUrn: URN, requestId: "r", signal } as never),
      "target.signal: is a waiter option: it goes in the first argument, beside client ({ client, signal })",
    );
    await refusal(
      () => waitUntilFunctionApplicationCreated({ client }, { applicationId: "a", maxWaitMs: 10 } as never),
      "target.maxWaitMs: is a waiter option: it goes in the first argument, beside client ({ client, maxWaitMs })",
    );
    await refusal(
      () => waitUntilWorkflowExecutionFinished({ client }, { workflowId: "w", executionId: "e", execution_id: "e" } as never),
      "target.execution_id: is not an option here (the options are workflowId, executionId)",
    );
    expect(requests).toHaveLength(0);
  });

  it("says where the client goes when it is given in the other helpers' way", async () => {
    const { client, requests } = createObservedClient();
    const ownConfig = "config: must be { client, ... }, not the client itself (e.g. paginateListFunctions({ client }))";
    expect(() => paginateListFunctions(client as never)).toThrow(ownConfig);
    await refusal(() => waitUntilAsyncInvocationFinished(client as never, { functionUrn: URN, requestId: "r" }), ownConfig);
    await refusal(() => waitUntilWorkflowExecutionFinished(client as never, { workflowId: "w", executionId: "e" }), ownConfig);
    const itself = "client: must be the client itself, not { client } (e.g. invokeFunction(client, urn, event))";
    await refusal(() => invokeFunction({ client } as never, URN), itself);
    await refusal(() => invokeFunctionAsync({ client } as never, URN), itself);
    await refusal(() => startWorkflowExecution({ client } as never, "flow-1", {}), itself);
    expect(requests).toHaveLength(0);
  });

  it("resolveEndpoint refuses what is not an options object", () => {
    expect(() => resolveEndpoint(undefined as never)).toThrow("options: must be { region } or { endpoint }");
    expect(resolveEndpoint({ region: "cn-north-4" })).toBe("https://functiongraph.cn-north-4.myhuaweicloud.com");
  });

  it("a call refuses a path that is not a string, and a signal that is not an AbortSignal", async () => {
    const { client, requests } = createObservedClient();
    await refusal(() => client.GET(undefined as never), "path: must be an API path such as /v2/{project_id}/fgs/functions");
    await refusal(() => client.GET({ url: "/v2" } as never), "path: must be an API path such as /v2/{project_id}/fgs/functions");
    // Joined to the endpoint as it is: "@evil.example/x" would make the endpoint's host a user name.
    for (const path of ["@evil.example/x", "v2/{project_id}/fgs/functions", ""])
      await refusal(() => client.GET(path as never), "path: must be an API path such as /v2/{project_id}/fgs/functions");
    await refusal(() => client.GET("/v2/{project_id}/fgs/functions", { signal: {} as never }), "signal: must be an AbortSignal");
    await refusal(() => invokeFunction(client, URN, {}, { signal: "stop" as never }), "signal: must be an AbortSignal");
    expect(() => paginateListFunctions({ client, signal: { aborted: false } as never })).toThrow(
      "signal: must be an AbortSignal",
    );
    expect(requests).toHaveLength(0);
  });

  it("a call takes signal: null as fetch does (no signal), on either transport path", async () => {
    const { client, requests } = createObservedClient(() => Response.json({ functions: [], next_marker: 0, count: 0 }));
    const plain = await client.GET("/v2/{project_id}/fgs/functions", { signal: null });
    expect(plain.error).toBeUndefined();
    client.use({ onRequest: () => undefined });
    const afterMiddleware = await client.GET("/v2/{project_id}/fgs/functions", { signal: null });
    expect(afterMiddleware.error).toBeUndefined();
    expect(requests).toHaveLength(2);
  });

  it("a query value the API cannot take is refused, not dropped or spelled out (a Date, an object, NaN)", async () => {
    const { client, requests } = createObservedClient();
    const list = (marker: unknown) =>
      client.GET("/v2/{project_id}/fgs/functions", { params: { query: { marker: marker as never } } });
    await refusal(
      () => list(new Date(0)),
      "params.query.marker: must be a string, number or boolean, got a Date (format it as the parameter's description says)",
    );
    await refusal(() => list({ a: 1 }), "params.query.marker: must be a string, number or boolean, got object");
    await refusal(() => list(["a", "b"]), "params.query.marker: must be a string, number or boolean, got an array");
    await refusal(() => list(Number.NaN), "params.query.marker: must be a finite number, got NaN");
    await refusal(() => list(Number.POSITIVE_INFINITY), "params.query.marker: must be a finite number, got Infinity");
    await refusal(() => list(Number.NEGATIVE_INFINITY), "params.query.marker: must be a finite number, got -Infinity");
    expect(requests).toHaveLength(0);
    await list(40);
    await list(undefined);
    expect(requests.map((request) => new URL(request.url).search)).toEqual(["?marker=40", ""]);
  });

  it("NaN is refused as a path or header value, and as invokeFunction's instanceMemory", async () => {
    const { client, requests } = createObservedClient();
    await refusal(
      () =>
        client.GET("/v2/{project_id}/fgs/functions/{function_urn}/config", {
          params: { path: { function_urn: Number.NaN as never } },
        }),
      "params.path.function_urn: must be a finite number, got NaN",
    );
    await refusal(
      () =>
        client.POST("/v2/{project_id}/fgs/functions/{function_urn}/invocations", {
          params: { path: { function_urn: URN }, header: { "X-Cff-Instance-Memory": Number.NaN as never } },
          body: {},
        }),
      "params.header.X-Cff-Instance-Memory: must be a finite number, got NaN",
    );
    await refusal(
      () => invokeFunction(client, URN, {}, { instanceMemory: Number.NaN }),
      "instanceMemory: must be a whole number, 1 or more",
    );
    expect(requests).toHaveLength(0);
  });

  it("a bad value in an event or a workflow input is named after that argument, not after the body", async () => {
    const { client, requests } = createObservedClient();
    const big = 10n;
    await refusal(() => invokeFunction(client, URN, { memory: Number.NaN }), "event.memory: must be a finite number, got NaN");
    await refusal(
      () => invokeFunctionAsync(client, URN, { tags: [1, new Map()] }),
      "event.tags[1]: is a Map, which JSON would send as {}: use a plain object or an array",
    );
    await refusal(
      () => invokeFunction(client, URN, { big }),
      "event.big: is a BigInt, which JSON cannot hold: give it as a number or a string",
    );
    await refusal(
      () => startWorkflowExecution(client, "flow-1", { n: Number.POSITIVE_INFINITY }),
      "input.n: must be a finite number, got Infinity",
    );
    await refusal(
      () => startWorkflowExecution(client, "flow-1", { big }),
      "input.big: is a BigInt, which JSON cannot hold: give it as a number or a string",
    );
    expect(requests).toHaveLength(0);
    await startWorkflowExecution(client, "flow-1", { n: 1 }).catch(() => undefined);
    await invokeFunctionAsync(client, URN, { n: 1 }).catch(() => undefined);
    expect(await Promise.all(requests.map((request) => request.text()))).toEqual(['{"input":{"n":1}}', '{"n":1}']);
  });

  it("an event or a workflow input that JSON would not send as an object is refused by name", async () => {
    const { client, requests } = createObservedClient();
    const notAnObject: [unknown, string][] = [
      [new Date(0), "must be a JSON object (its toJSON() gives something else)"],
      [{ toJSON: () => [1, 2] }, "must be a JSON object (its toJSON() gives something else)"],
      [new Uint8Array([1, 2]), "is bytes, which JSON would send as an object of numbered fields: send a JSON object"],
      [
        new TextEncoder().encode("hi").buffer,
        "is bytes, which JSON would send as an object of numbered fields: send a JSON object",
      ],
      [[1, 2], "must be a JSON object, not an array"],
      [new Map([["a", 1]]), "must be a JSON object (a Map is sent as {}): use a plain object"],
      [JSON.stringify({ a: 1 }), "is a string: give the object itself, which fgkit sends as JSON"],
      [42, "must be a JSON object, not a number"],
    ];
    for (const [value, problem] of notAnObject) {
      await refusal(() => invokeFunction(client, URN, value as object), `event: ${problem}`);
      await refusal(() => invokeFunctionAsync(client, URN, value as object), `event: ${problem}`);
      await refusal(() => startWorkflowExecution(client, "flow-1", value as Record<string, unknown>), `input: ${problem}`);
    }
    // The input is required: left out, it is refused rather than sent as {}.
    await refusal(
      () => startWorkflowExecution(client, "flow-1", undefined as never),
      "input: must be a JSON object, not undefined",
    );
    await refusal(() => startWorkflowExecution(client, "flow-1", null as never), "input: must be a JSON object, not null");
    expect(requests).toHaveLength(0);
    // An object with a toJSON giving an object (a Map's own included), and a class instance, are what JSON sends them as.
    class Order {
      id = 7;
    }
    class JsonMap extends Map<string, number> {
      toJSON() {
        return Object.fromEntries(this);
      }
    }
    await invokeFunctionAsync(client, URN, { toJSON: () => ({ n: 1 }) }).catch(() => undefined);
    await startWorkflowExecution(client, "flow-1", new Order() as unknown as Record<string, unknown>).catch(() => undefined);
    await invokeFunctionAsync(client, URN, new JsonMap([["m", 2]])).catch(() => undefined);
    expect(await Promise.all(requests.map((request) => request.text()))).toEqual(['{"n":1}', '{"input":{"id":7}}', '{"m":2}']);
  });

  it("file contents in a JSON body (bytes, a Blob, a stream, form data) are refused by field: the API wants Base64", async () => {
    const { client, requests } = createObservedClient();
    const zip = new Uint8Array([0x50, 0x4b, 3, 4]);
    const hint = 'which JSON cannot carry: give its contents as a Base64 string (in Node, buffer.toString("base64"))';
    const contents: [unknown, string][] = [
      [zip, "bytes"],
      [Buffer.from(zip), "bytes"],
      [zip.buffer, "bytes"],
      [new Blob([zip]), "a Blob"],
      [new ReadableStream(), "a stream"],
      [new FormData(), "form data"],
      [new URLSearchParams("a=1"), "URLSearchParams"],
    ];
    const code = { params: { path: { function_urn: URN } } };
    for (const [file, kind] of contents) {
      await refusal(
        () =>
          client.PUT("/v2/{project_id}/fgs/functions/{function_urn}/code", {
            ...code,
            body: { code_type: "zip", func_code: { file } } as never,
          }),
        `body.func_code.file: is ${kind}, ${hint}`,
      );
      await refusal(
        () => client.PUT("/v2/{project_id}/fgs/functions/{function_urn}/code", { ...code, body: file as never }),
        `body: is ${kind}, ${hint}`,
      );
    }
    await refusal(() => invokeFunction(client, URN, new Blob([zip])), `event: is a Blob, ${hint}`);
    expect(requests).toHaveLength(0);
  });

  it("what has a toJSON of its own is sent as that gives it, a Map included; the path named is still the bad value's", async () => {
    const { client, requests } = createObservedClient();
    class JsonMap extends Map<string, string> {
      toJSON() {
        return Object.fromEntries(this);
      }
    }
    const body = { environment_variables: new JsonMap([["A", "1"]]) };
    await client.PUT("/v2/{project_id}/fgs/functions/{function_urn}/config", {
      params: { path: { function_urn: URN } },
      body: body as never,
    });
    expect(await requests[0]?.text()).toBe('{"environment_variables":{"A":"1"}}');
    await refusal(
      () =>
        client.PUT("/v2/{project_id}/fgs/functions/{function_urn}/config", {
          params: { path: { function_urn: URN } },
          body: { ...body, user_data: new Map() } as never,
        }),
      "body.user_data: is a Map, which JSON would send as {}: use a plain object or an array",
    );
    // A toJSON that gives its own object back: the bad value inside is named, as JSON.stringify walks it.
    await refusal(
      () =>
        client.PUT("/v2/{project_id}/fgs/functions/{function_urn}/config", {
          params: { path: { function_urn: URN } },
          body: {
            user_data: {
              n: Number.NaN,
              toJSON() {
                return this;
              },
            },
          } as never,
        }),
      "body.user_data.n: must be a finite number, got NaN",
    );
    // An array's own named fields are not sent, and bytes whose toJSON() gives text are: neither is named.
    const bytesAsText = Object.assign(new Uint8Array(2), { toJSON: () => "AAA=" });
    for (const extra of [{ a: Object.assign([1], { x: Number.NaN }) }, { code: { file: bytesAsText } }])
      await refusal(
        () =>
          client.PUT("/v2/{project_id}/fgs/functions/{function_urn}/config", {
            params: { path: { function_urn: URN } },
            body: { ...extra, memory_size: Number.NaN } as never,
          }),
        "body.memory_size: must be a finite number, got NaN",
      );
    // A workflow input typed by an interface of the caller's (no index signature) compiles.
    interface OrderInput {
      orderId: number;
    }
    const order: OrderInput = { orderId: 7 };
    await startWorkflowExecution(client, "flow-1", order).catch(() => undefined);
    expect(await requests[1]?.text()).toBe('{"input":{"orderId":7}}');
  });

  it("a call's own bodySerializer that returns a stream is refused by name: a request is signed over its bytes and may be resent", async () => {
    const { client, requests } = createObservedClient();
    await refusal(
      () =>
        client.POST("/v2/{project_id}/fgs/functions/{function_urn}/invocations", {
          params: { path: { function_urn: URN } },
          body: {},
          bodySerializer: () => new ReadableStream() as never,
        }),
      "bodySerializer: returned a ReadableStream: a request is signed over its bytes and may be sent again, so return the bytes (a Uint8Array) or a string",
    );
    expect(requests).toHaveLength(0);
    // Bytes and strings go out as they are.
    await client.POST("/v2/{project_id}/fgs/functions/{function_urn}/invocations", {
      params: { path: { function_urn: URN } },
      body: {},
      bodySerializer: () => "raw text",
    });
    expect(await requests[0]?.text()).toBe("raw text");
  });

  it("refuses call options openapi-fetch would ignore or that would step around the client", async () => {
    const { client, requests } = createObservedClient();
    const list = (init: object) => client.GET("/v2/{project_id}/fgs/functions", init as never);
    await refusal(() => list({ query: { maxitems: "1" } }), "query: is not a call option: query parameters go in params.query");
    await refusal(
      () => list({ retry: { maxAttempts: 1 } }),
      "retry: is not a call option: per-call retry options go through client.withOptions({ retry })",
    );
    await refusal(
      () => list({ timeout: 100 }),
      "timeout: is not a call option: per-call timeouts go through client.withOptions({ timeout })",
    );
    // openapi-fetch's call options that would step around the client's endpoint, signing or paths.
    await refusal(
      () => list({ baseUrl: "https://elsewhere.example" }),
      "baseUrl: is not a call option: the endpoint is the client's (region or endpoint); make another client for another endpoint",
    );
    await refusal(
      () => list({ fetch: async () => Response.json({}) }),
      "fetch: is not a call option: the transport is the client's (createFunctionGraphClient({ fetch })); a call's own would skip signing, retries and timeouts",
    );
    await refusal(
      () => list({ pathSerializer: (path: string) => path }),
      "pathSerializer: is not a call option: paths are built by the client, which fills in project_id and encodes path values",
    );
    await refusal(() => list({ body: { maxitems: "1" } }), "body: a GET request has no body: parameters go in params.query");
    await refusal(
      () => list({ redirect: "follow" }),
      'redirect: must be "manual" or "error": a redirect is never followed, as the credentials would go along',
    );
    await refusal(
      () => list({ params: { headers: { "X-Language": "en" } } }),
      "params.headers: is not a parameter group: use params.path, params.query or params.header",
    );
    expect(requests).toHaveLength(0);
    await list({ params: { query: { maxitems: "1" } }, headers: { "X-Trace": "t" }, parseAs: "json" });
    expect(new URL(requests[0]?.url ?? "").search).toBe("?maxitems=1");
  });
});
