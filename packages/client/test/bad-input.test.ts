// Bad input found by fuzzing the client: each is refused with an InvalidInputError naming the field,
// before anything is sent, where it used to be sent mangled ("?0=1&1=2", "marker=[object Object]",
// a body of {} for a forgotten await) or to fail with a raw URIError or TypeError from inside.
import { InvalidInputError } from "@fgkit/helpers";
import { describe, expect, it } from "vitest";
import {
  invokeFunction,
  invokeFunctionAsync,
  type PaginatorConfig,
  paginateListFunctions,
  paginateListWorkflow,
  paginateResourceInstances,
  startWorkflowExecution,
  waitUntilAsyncInvocationFinished,
  waitUntilWorkflowExecutionFinished,
} from "../src/index.js";
import { createObservedClient, URN } from "./helpers.js";

const LIST = "/v2/{project_id}/fgs/functions";
const CONFIG = "/v2/{project_id}/fgs/functions/{function_urn}/config";
const LONE = "a\ud800b";
const NOT_WELL_FORMED = "is not well-formed Unicode (it has a lone UTF-16 surrogate)";

/** What `call` threw or rejected with, checked to be an InvalidInputError with `message`. */
async function refusal(call: () => unknown, message: string): Promise<void> {
  let error: unknown;
  try {
    await call();
  } catch (thrown) {
    error = thrown;
  }
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as Error).message).toBe(message);
}

/** A client, and a `list(init)` through it, untyped: these are the inputs the types rule out. */
function observed() {
  const { client, requests } = createObservedClient();
  const list = (init: unknown) => client.GET(LIST, init as never);
  const create = (init: unknown) => client.POST(LIST, init as never);
  return { client, requests, list, create };
}

describe("text that is not well-formed Unicode (a lone surrogate)", () => {
  it("is refused as a query value, a waiter's id, a paginator's filter value or starting marker", async () => {
    const { client, requests, list } = observed();
    await refusal(() => list({ params: { query: { marker: LONE } } }), `params.query.marker: ${NOT_WELL_FORMED}`);
    await refusal(
      () => waitUntilAsyncInvocationFinished({ client, maxWaitMs: 100 }, { functionUrn: URN, requestId: LONE }),
      `target.requestId: ${NOT_WELL_FORMED}`,
    );
    await refusal(
      () => waitUntilWorkflowExecutionFinished({ client, maxWaitMs: 100 }, { workflowId: LONE, executionId: "e" }),
      `target.workflowId: ${NOT_WELL_FORMED}`,
    );
    await refusal(() => paginateListFunctions({ client }, { package_name: LONE }), `filter.package_name: ${NOT_WELL_FORMED}`);
    await refusal(() => paginateListFunctions({ client, startingToken: "\udc00" }), `startingToken: ${NOT_WELL_FORMED}`);
    // A path value was already refused as such.
    await refusal(
      () => client.GET(CONFIG, { params: { path: { function_urn: LONE } } }),
      "params.path.function_urn: contains a lone UTF-16 surrogate",
    );
    expect(requests).toHaveLength(0);
    // A pair of surrogates (an emoji) is text like any other.
    await list({ params: { query: { package_name: "\ud83d\ude00" } } });
    expect(new URL(requests[0]?.url ?? "").searchParams.get("package_name")).toBe("\ud83d\ude00");
  });

  it("a query parameter's name that openapi-fetch would send unencoded is refused", async () => {
    const { requests, list } = observed();
    for (const name of ["a&b", "x=1", "#", ""])
      await refusal(
        () => list({ params: { query: { [name]: "1" } } }),
        `params.query.${name}: is not a query parameter name: letters, digits, _ . ~ or - only`,
      );
    expect(requests).toHaveLength(0);
  });
});

describe("params and headers that are not what openapi-fetch reads", () => {
  it("refuses an array, bytes or a Map for params and its groups", async () => {
    const { requests, list } = observed();
    await refusal(() => list({ params: { query: [1, 2] } }), "params.query: must be an object, got an array");
    await refusal(() => list({ params: { header: [1, 2] } }), "params.header: must be an object of header values, got an array");
    await refusal(() => list({ params: { query: new Uint8Array([1]) } }), "params.query: must be an object, got a Uint8Array");
    await refusal(() => list({ params: { path: new Map() } }), "params.path: must be an object, got a Map");
    await refusal(() => list({ params: new Map([["query", {}]]) }), "params: must be an object, got a Map");
    expect(requests).toHaveLength(0);
  });

  it("refuses call headers other than a record, a Headers or [name, value] pairs", async () => {
    const { requests, list } = observed();
    const shape = "headers: must be an object of header values, a Headers, or an array of [name, value] pairs, got";
    await refusal(() => list({ headers: new Uint8Array([1, 2]) }), `${shape} a Uint8Array`);
    await refusal(() => list({ headers: Symbol("h") }), `${shape} a symbol`);
    await refusal(() => list({ headers: () => ({}) }), `${shape} a function`);
    await refusal(() => list({ headers: "X-A: 1" }), `${shape} a string`);
    await refusal(() => list({ headers: null }), `${shape} null`);
    await refusal(() => list({ headers: new Map([["X-A", "1"]]) }), `${shape} a Map`);
    await refusal(() => list({ headers: [1, 2] }), "headers[0]: must be a [name, value] pair");
    await refusal(() => list({ headers: [["X-A", "1", "2"]] }), "headers[0]: must be a [name, value] pair");
    await refusal(
      () => list({ headers: [["X-A", undefined]] }),
      "headers.X-A: must be a string, number or boolean, got undefined",
    );
    await refusal(
      () => list({ headers: { "X-A": ["1", null] } }),
      "headers.X-A[1]: must be a string, number or boolean, got null",
    );
    await refusal(
      () => list({ headers: { "X-A": [["1"]] } }),
      "headers.X-A[0]: must be a string, number or boolean, got an array",
    );
    await refusal(
      () => list({ headers: { "X-A": ["1", "2\r\nX-Evil: 1"] } }),
      "headers.X-A[1]: contains CR, LF or another character a header cannot carry",
    );
    await refusal(() => list({ headers: { "X-A": [Number.NaN] } }), "headers.X-A[0]: must be a finite number, got NaN");
    await refusal(
      () => list({ headers: { "X-A": new Date(0) } }),
      "headers.X-A: must be a string, number or boolean, got a Date",
    );
    await refusal(() => list({ headers: { "X A": ["1"] } }), "headers.X A: is not a valid header name");
    expect(requests).toHaveLength(0);
  });

  it("sends a header given several values (as openapi-fetch's type allows) as one, joined, and signed", async () => {
    const { client, requests } = createObservedClient(undefined, { headers: { "X-Tags": "from-client" } });
    await client.GET(LIST, { headers: { "X-Tags": ["a", 2, true], "X-One": "1" } });
    await client.GET(LIST, { headers: { "X-Tags": [] } });
    expect(requests[0]?.headers.get("x-tags")).toBe("a, 2, true");
    expect(requests[0]?.headers.get("x-one")).toBe("1");
    expect(requests[0]?.headers.get("authorization")).toMatch(/SignedHeaders=[^,]*;x-one;[^,]*x-tags/);
    // An empty array gives no value: the client's stays, as it does for undefined.
    expect(requests[1]?.headers.get("x-tags")).toBe("from-client");
  });

  it("sends [name, value] pairs as those headers (openapi-fetch alone would name them 0, 1, ...)", async () => {
    const { requests, list } = observed();
    await list({
      headers: [
        ["X-Trace", "t-1"],
        ["X-Count", 2],
      ],
    });
    await list({ headers: new Headers({ "X-Trace": "t-2" }) });
    expect(requests[0]?.headers.get("x-trace")).toBe("t-1");
    expect(requests[0]?.headers.get("x-count")).toBe("2");
    expect(requests[0]?.headers.has("0")).toBe(false);
    expect(requests[1]?.headers.get("x-trace")).toBe("t-2");
  });
});

describe("call options of the wrong type are refused before anything is sent", () => {
  it("parseAs other than json, text, blob, arrayBuffer or stream (it used to be found after the answer came)", async () => {
    const { requests, list } = observed();
    await refusal(() => list({ parseAs: "bogus" }), 'parseAs: must be one of "json", "text", "blob", "arrayBuffer", "stream"');
    expect(requests).toHaveLength(0);
    const { data } = await list({ parseAs: "text" });
    expect(data).toBe("{}");
  });

  it("functions that are not functions, and a querySerializer that returns no string", async () => {
    const { requests, list, create } = observed();
    await refusal(() => list({ Request: 5 }), "Request: must be a function, got a number");
    await refusal(() => create({ body: {}, bodySerializer: 5 }), "bodySerializer: must be a function, got a number");
    await refusal(
      () => list({ querySerializer: "maxitems=1" }),
      "querySerializer: must be a function (query) => string, or openapi-fetch's serializer options, got a string",
    );
    await refusal(
      () => list({ querySerializer: { allowReserved: "yes" } }),
      "querySerializer.allowReserved: must be true or false",
    );
    await refusal(
      () => list({ querySerializer: () => 5 }),
      "querySerializer: returned a number: it must return the query string",
    );
    await refusal(
      () => create({ body: {}, bodySerializer: () => ({ a: 1 }) }),
      "bodySerializer: returned an object, which fetch would not send as it is: return a string or the bytes (a Uint8Array)",
    );
    expect(requests).toHaveLength(0);
    await list({ querySerializer: () => "maxitems=1" });
    await list({ params: { query: { maxitems: 2 } }, querySerializer: { allowReserved: false } });
    await create({ body: {}, bodySerializer: () => new TextEncoder().encode("{}") });
    expect(requests.map((r) => new URL(r.url).search)).toEqual(["?maxitems=1", "?maxitems=2", ""]);
  });

  it("RequestInit fields: fetch's values pass, others are refused by name (not with fetch's TypeError)", async () => {
    const { requests, list } = observed();
    await refusal(() => list({ credentials: "bogus" }), 'credentials: must be one of "omit", "same-origin", "include"');
    await refusal(
      () => list({ cache: 5 }),
      'cache: must be one of "default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"',
    );
    await refusal(() => list({ cache: "only-if-cached" }), 'cache: "only-if-cached" needs mode: "same-origin"');
    await refusal(
      () => list({ mode: "no-cors" }),
      'mode: must be one of "cors", "same-origin" (a "no-cors" request would lose its signing headers, and its answer could not be read)',
    );
    await refusal(() => list({ priority: "urgent" }), 'priority: must be one of "high", "low", "auto"');
    await refusal(() => list({ keepalive: "false" }), "keepalive: must be true or false");
    await refusal(() => list({ integrity: Symbol("i") }), "integrity: must be a string, got a symbol");
    await refusal(() => list({ referrer: "::not a url" }), 'referrer: must be a URL, "about:client" or ""');
    await refusal(() => list({ window: {} }), "window: must be null");
    await refusal(() => list({ duplex: "full" }), 'duplex: must be one of "half"');
    await refusal(() => list({ dispatcher: 5 }), "dispatcher: must be an undici Dispatcher (an Agent, a Pool, ...)");
    expect(requests).toHaveLength(0);
    await list({ credentials: "omit", cache: "no-store", keepalive: false, referrer: "" });
    expect(requests[0]?.credentials).toBe("omit");
    expect(requests[0]?.cache).toBe("no-store");
  });
});

describe("a misspelt call option is refused by name, not passed to fetch to be ignored", () => {
  it("names a misspelt option with the one it is near", async () => {
    const { client, requests, list } = observed();
    await refusal(
      () => client.GET(CONFIG, { parms: { path: { function_urn: URN } } } as never),
      "parms: is not a call option (did you mean params?)",
    );
    await refusal(() => list({ querry: { marker: "5" } }), "querry: is not a call option (did you mean params.query?)");
    await refusal(() => list({ Headers: { "X-A": "1" } }), "Headers: is not a call option (did you mean headers?)");
    await refusal(() => list({ parseas: "text" }), "parseas: is not a call option (did you mean parseAs?)");
    // Even holding undefined, and even named as something every object has.
    await refusal(
      () => list({ querySerialiser: undefined }),
      "querySerialiser: is not a call option (did you mean querySerializer?)",
    );
    await refusal(
      () => list({ userAgent: "me" }),
      'userAgent: is not a call option: a User-Agent is sent in headers ({ "User-Agent": ... })',
    );
    // openapi-fetch sends the method called, whatever `method` says.
    await refusal(
      () => list({ method: "DELETE" }),
      "method: is not the method called: call client.POST(path, init) and so on, or client.request(method, path, init)",
    );
    expect(requests).toHaveLength(0);
    await list({ method: "get" });
    expect(requests).toHaveLength(1);
  });

  it("passes on any other name, as openapi-fetch does: middleware sees it on the Request", async () => {
    const { client, requests } = observed();
    const seen: unknown[] = [];
    client.use({ onRequest: ({ request }) => void seen.push((request as Request & { traceId?: string }).traceId) });
    await client.GET("/v2/{project_id}/fgs/functions", { traceId: "t-1" } as never);
    expect(seen).toEqual(["t-1"]);
    expect(requests).toHaveLength(1);
  });
});

describe("what JSON leaves out as code expects it to", () => {
  it("sends a model's methods and arrow-function fields as JSON does: left out", async () => {
    const { requests, create } = observed();
    class Model {
      a = 1;
      handler = () => 1;
      bound = this.describe.bind(this);
      describe() {
        return "model";
      }
    }
    await create({ body: new Model() });
    await create({ body: { func_name: "f", m() {} } });
    expect(await Promise.all(requests.map((request) => request.text()))).toEqual(['{"a":1}', '{"func_name":"f"}']);
  });

  it("takes a Headers as params.header, as openapi-fetch does", async () => {
    const { requests, list } = observed();
    await list({ params: { header: new Headers({ "X-A": "1" }) } });
    expect(requests[0]?.headers.get("x-a")).toBe("1");
  });
});

describe("a JSON body that would be sent as something else", () => {
  it("refuses a Symbol, a function or a Promise as the body, and inside it, by path", async () => {
    const { requests, create } = observed();
    await refusal(() => create({ body: Symbol("b") }), "body: is a Symbol, which JSON would leave out: give the value itself");
    await refusal(() => create({ body: () => 1 }), "body: is a function, which JSON would leave out: give the value itself");
    await refusal(() => create({ body: Promise.resolve({ a: 1 }) }), "body: is a Promise (missing await?)");
    await refusal(
      () => create({ body: { tags: [Symbol("t")] } }),
      "body.tags[0]: is a Symbol, which JSON would leave out: give the value itself",
    );
    await refusal(
      () => create({ body: { handlers: [() => 1] } }),
      "body.handlers[0]: is a function, which JSON would leave out: give the value itself",
    );
    // A thenable of another library's is awaited as a Promise is, and JSON would send it as {} too.
    // biome-ignore lint/suspicious/noThenProperty: the thenable is the bad input under test
    const thenable = { then: (resolve: (v: string) => void) => resolve("x") };
    await refusal(() => create({ body: { code: { file: thenable } } }), "body.code.file: is a Promise (missing await?)");
    await refusal(
      () => create({ body: { a: new Date(Number.NaN) } }),
      "body.a: is an invalid Date, which JSON would send as null",
    );
    await refusal(() => create({ body: new Date(Number.NaN) }), "body: is an invalid Date, which JSON would send as null");
    expect(requests).toHaveLength(0);
    // A valid Date is sent as its text, and an undefined field left out, as JSON does.
    await create({ body: { at: new Date(0), gone: undefined } });
    expect(await requests[0]?.text()).toBe('{"at":"1970-01-01T00:00:00.000Z"}');
  });

  it("refuses a body that is not a JSON object, and JSON text given as the body (it would be sent as one JSON string)", async () => {
    const { requests, create } = observed();
    const body = { func_name: "f" };
    await refusal(
      () => create({ body: JSON.stringify(body) }),
      "body: is a string: give the object itself, which fgkit sends as JSON",
    );
    await refusal(() => create({ body: [body] }), "body: must be a JSON object, not an array");
    await refusal(() => create({ body: null }), "body: must be a JSON object, not null");
    await refusal(() => create({ body: 42 }), "body: must be a JSON object, not a number");
    await refusal(() => create({ body: new Date(0) }), "body: must be a JSON object (its toJSON() gives something else)");
    expect(requests).toHaveLength(0);
    await create({ body });
    expect(await requests[0]?.text()).toBe('{"func_name":"f"}');
  });

  it("paginateResourceInstances names a bad value of its filter when it is made", async () => {
    const { client, requests } = observed();
    await refusal(
      () => paginateResourceInstances({ client }, { tags: new Date(Number.NaN) } as never),
      "filter.tags: is an invalid Date, which JSON would send as null",
    );
    await refusal(
      () => paginateResourceInstances({ client }, { matches: Promise.resolve([]) } as never),
      "filter.matches: is a Promise (missing await?)",
    );
    await refusal(
      () => paginateResourceInstances({ client }, [1] as never),
      "filter: must be an object of the list's parameters, got an array",
    );
    await refusal(
      () => paginateResourceInstances({ client }, { offset: "5" } as never),
      "filter.offset: is set by the paginator: resume with startingToken",
    );
    expect(requests).toHaveLength(0);
  });
});

describe("invocations and workflow starts", () => {
  it("refuse an event or input that is a Promise (it was sent as {}), and name a bad value inside", async () => {
    const { client, requests } = observed();
    await refusal(() => invokeFunction(client, URN, Promise.resolve({ a: 1 })), "event: is a Promise; await it first");
    await refusal(() => invokeFunctionAsync(client, URN, Promise.resolve({ a: 1 })), "event: is a Promise; await it first");
    await refusal(() => startWorkflowExecution(client, "flow-1", Promise.resolve({})), "input: is a Promise; await it first");
    await refusal(
      () => invokeFunction(client, URN, { d: new Date(Number.NaN) }),
      "event.d: is an invalid Date, which JSON would send as null",
    );
    await refusal(
      () => invokeFunctionAsync(client, URN, { s: [Symbol("s")] }),
      "event.s[0]: is a Symbol, which JSON would leave out: give the value itself",
    );
    expect(requests).toHaveLength(0);
  });

  it("invokeFunction's tailLog must be a boolean: the text false would ask for the log", async () => {
    const { client, requests } = observed();
    await refusal(
      () => invokeFunction(client, URN, {}, { tailLog: "false" as never }),
      "tailLog: must be true or false, got a string",
    );
    await refusal(() => invokeFunction(client, URN, {}, { tailLog: 0 as never }), "tailLog: must be true or false, got a number");
    expect(requests).toHaveLength(0);
    await invokeFunction(client, URN, {}, { tailLog: false });
    expect(requests[0]?.headers.has("x-cff-log-type")).toBe(false);
  });
});

describe("paginators", () => {
  const paginators: Record<string, (config: PaginatorConfig) => { all(): Promise<unknown[]> }> = {
    paginateListFunctions,
    paginateListWorkflow,
  };
  it.each([
    [
      "paginateListFunctions",
      "marker",
      [{}, null, Number.NaN, () => 1, -1, 1.5, true],
      [7, "m-7"],
      "startingToken: must be a marker returned earlier: a non-empty string or a whole number 0 or more",
    ],
    // Number() would take a Date as its time, true as 1 and null as 0.
    [
      "paginateListWorkflow",
      "offset",
      [Symbol("s"), new Date(5000), true, null, {}, -1],
      [10, "20"],
      "startingToken: must be an offset, a whole number 0 or more",
    ],
  ])("%s: the %s to resume from is refused unless it is one", async (name, param, bad, good, message) => {
    const { client, requests } = observed();
    const paginate = paginators[name] as NonNullable<(typeof paginators)[string]>;
    for (const startingToken of bad) await refusal(() => paginate({ client, startingToken: startingToken as never }), message);
    expect(requests).toHaveLength(0);
    for (const startingToken of good) await paginate({ client, startingToken: startingToken as never }).all();
    expect(requests.map((r) => new URL(r.url).searchParams.get(param))).toEqual(good.map(String));
  });

  it("a filter is an object of the list's query parameters, each checked as params.query's are", async () => {
    const { client, requests } = observed();
    const shape = "filter: must be an object of the list's parameters, got";
    await refusal(() => paginateListFunctions({ client }, "abc" as never), `${shape} a string`);
    await refusal(() => paginateListWorkflow({ client }, [1, 2] as never), `${shape} an array`);
    await refusal(() => paginateListFunctions({ client }, null as never), `${shape} null`);
    await refusal(() => paginateListFunctions({ client }, new Map() as never), `${shape} a Map`);
    await refusal(
      () => paginateListFunctions({ client }, { package_name: new Date(0) } as never),
      "filter.package_name: must be a string, number or boolean, got a Date (format it as the parameter's description says)",
    );
    await refusal(
      () => paginateListFunctions({ client }, { marker: "5" } as never),
      "filter.marker: is set by the paginator: resume with startingToken",
    );
    await refusal(
      () => paginateListWorkflow({ client }, { limit: 5 } as never),
      "filter.limit: is set by the paginator: give pageSize",
    );
    expect(requests).toHaveLength(0);
    await paginateListFunctions({ client }, { package_name: "default" }).all();
    expect(new URL(requests[0]?.url ?? "").search).toBe("?package_name=default");
  });
});

describe("middleware", () => {
  it("refuses hooks that are not functions, and middleware with no hook (openapi-fetch would skip them)", async () => {
    const { client, requests } = observed();
    expect(() => client.use({ onRequest: "x" } as never)).toThrow(
      new InvalidInputError("middleware.onRequest", "must be a function, got a string"),
    );
    expect(() => client.use({ onRequest: undefined } as never)).toThrow(
      "middleware: must be an object with onRequest(), onResponse() or onError()",
    );
    await refusal(
      () => client.GET(LIST, { middleware: [{ onResponse: 5 }] as never }),
      "middleware[0].onResponse: must be a function, got a number",
    );
    expect(requests).toHaveLength(0);
    // Nothing bad was kept: a call goes out as before.
    await client.GET(LIST);
    expect(requests).toHaveLength(1);
  });
});
