import { setTimeout as wait } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { invokeFunction, unwrap } from "../../src/index.js";
import { URN } from "../helpers.js";
import { hang, json, reset, type Step, stalledBody, text, truncated } from "./scripted-server.js";
import {
  byUrn,
  CONFIG,
  CONFIG_PATH,
  clientFor,
  expectRequestInfo,
  failure,
  INVOKE,
  INVOKE_PATH,
  SHORT_TIMEOUT,
  signatureIsValid,
  useScriptedServer,
} from "./setup.js";

const server = useScriptedServer();
const invoke = { params: { path: { function_urn: URN } }, body: { name: "fgkit" } };

describe("which methods are retried", () => {
  it.each<[string, Step, { status: number; code: string | undefined }]>([
    ["500", json(500, { error_code: "FSS.0500", error_msg: "Internal error" }), { status: 500, code: "FSS.0500" }],
    ["502 HTML", text(502, "<html>Bad Gateway</html>", { "content-type": "text/html" }), { status: 502, code: undefined }],
    ["503 Retry-After: 0", json(503, {}, { "retry-after": "0" }), { status: 503, code: undefined }],
    ["a reset connection", reset, { status: 0, code: "NetworkError" }],
    ["a truncated body", truncated(), { status: 0, code: "NetworkError" }],
    ["a hang", hang, { status: 0, code: "Timeout" }],
  ])("POST is not retried by default: %s gives one attempt", async (_, step, expected) => {
    server.current.script(step);
    // The short attempt timeout only where it is the point: on a busy machine, a first POST (a new
    // connection, node:crypto loading) can take longer than it and end as a Timeout before the 500.
    const client = clientFor(server.current.url, step === hang ? SHORT_TIMEOUT : undefined);
    const { error, ms } = await failure(() => unwrap(client.POST(INVOKE, invoke)));
    expect(server.current.requests).toHaveLength(1);
    expect(ms).toBeLessThan(1500); // no backoff wait either (a retried hang would take 3 × 150 ms and more)
    expect(error).toMatchObject({ ...expected, attempts: 1 });
    expectRequestInfo(error, "POST", INVOKE_PATH);
  });

  it("a throttling 429 (with the API's error code) is retried for POST too: nothing ran", async () => {
    const throttled = json(429, { error_code: "FSS.0429", error_msg: "Too many requests" }, { "retry-after": "0" });
    server.current.script(throttled);
    const { error } = await failure(() => unwrap(clientFor(server.current.url).POST(INVOKE, invoke)));
    expect(error).toMatchObject({ status: 429, code: "FSS.0429", attempts: 3 });
    expect(server.current.requests.map((r) => r.body)).toEqual(Array(3).fill('{"name":"fgkit"}'));

    server.current.script(throttled, json(200, { result: '"ran once"' }));
    const run = await invokeFunction(clientFor(server.current.url), URN, { name: "fgkit" });
    expect(run.result).toBe("ran once");
    expect(server.current.requests).toHaveLength(5);

    // A 429 that names no API error code may be something else's answer: a POST is not sent again.
    server.current.script(text(429, "slow down"));
    await failure(() => unwrap(clientFor(server.current.url).POST(INVOKE, invoke)));
    expect(server.current.requests).toHaveLength(6);
  });

  it("invokeFunction is not retried either", async () => {
    server.current.script(json(500, { error_code: "FSS.0500", error_msg: "Internal error" }, { "x-cff-request-id": "inv-1" }));
    const { error } = await failure(() => invokeFunction(clientFor(server.current.url), URN, { name: "fgkit" }));
    expect(server.current.requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 500, code: "FSS.0500", requestId: "inv-1", attempts: 1 });
  });

  it("withOptions({ retry: { retryNonIdempotent: true } }) retries a POST, same body, signed afresh each time", async () => {
    server.current.script(json(500, { error_code: "FSS.0500", error_msg: "Internal error" }));
    const client = clientFor(server.current.url).withOptions({ retry: { retryNonIdempotent: true } });
    const { error } = await failure(() => unwrap(client.POST(INVOKE, invoke)));
    expect(error).toMatchObject({ status: 500, attempts: 3 });
    expect(server.current.requests.map((r) => r.body)).toEqual(Array(3).fill('{"name":"fgkit"}'));
    for (const request of server.current.requests) expect(await signatureIsValid(request)).toBe(true);
  });

  it("the opt-in covers network errors too, and the base client stays without it", async () => {
    server.current.script(reset, json(200, { result: "ok" }));
    const base = clientFor(server.current.url);
    const { data } = await base.withOptions({ retry: { retryNonIdempotent: true } }).POST(INVOKE, invoke);
    expect(data).toEqual({ result: "ok" });
    expect(server.current.requests).toHaveLength(2);

    server.current.script(reset);
    await failure(() => base.POST(INVOKE, invoke));
    expect(server.current.requests).toHaveLength(3);
  });

  it("DELETE and PUT are retried by default", async () => {
    server.current.script(json(503, {}), (res) => {
      res.writeHead(204);
      res.end();
    });
    const client = clientFor(server.current.url);
    const deleted = await client.DELETE("/v2/{project_id}/fgs/functions/{function_urn}", byUrn);
    expect(deleted.response.status).toBe(204);
    expect(server.current.requests.map((r) => r.method)).toEqual(["DELETE", "DELETE"]);

    server.current.script(reset, json(200, { max_instance_num: 10 }));
    const { data } = await client.PUT("/v2/{project_id}/fgs/functions/{function_urn}/config-max-instance", {
      ...byUrn,
      body: { max_instance_num: 10 },
    });
    expect(data).toEqual({ max_instance_num: 10 });
    expect(server.current.requests.slice(2).map((r) => [r.method, r.body])).toEqual([
      ["PUT", '{"max_instance_num":10}'],
      ["PUT", '{"max_instance_num":10}'],
    ]);
  });
});

describe("the caller's AbortSignal", () => {
  // The aborts below come from the server's side, once the request (or the answer) got there: a
  // fixed delay could fire before a loaded machine has even sent the request.
  it("aborting during an attempt stops at once, with no further attempt", async () => {
    const controller = new AbortController();
    const reason = new Error("user gave up");
    server.current.script(() => controller.abort(reason)); // and no answer: the attempt hangs
    const client = clientFor(server.current.url, { timeout: { attemptTimeoutMs: 2000 } });
    const { error, ms } = await failure(() => client.GET(CONFIG, { ...byUrn, signal: controller.signal }));
    expect(ms).toBeLessThan(1500); // well before the 2 s attempt timeout
    expect(error).toMatchObject({ status: 0, code: "Aborted", attempts: 1 });
    expect(error.message).toBe(`GET ${CONFIG_PATH}: aborted by the caller`);
    expect(error.cause).toBe(reason);
    expectRequestInfo(error, "GET", CONFIG_PATH);
    await wait(200);
    expect(server.current.requests).toHaveLength(1);
  });

  it("aborting during the backoff wait stops at once, with no further attempt", async () => {
    const controller = new AbortController();
    let abortedAt = 0;
    // A 1 s backoff (random 0.5 of a 2 s base); the abort comes 30 ms after the 500 was sent.
    server.current.script((res, request) => {
      json(500, {})(res, request);
      setTimeout(() => {
        abortedAt = performance.now();
        controller.abort();
      }, 30);
    });
    const client = clientFor(server.current.url, { retry: { baseDelayMs: 2000, random: () => 0.5 } });
    const { error } = await failure(() => client.GET(CONFIG, { ...byUrn, signal: controller.signal }));
    expect(performance.now() - abortedAt).toBeLessThan(600); // not at the end of the 1 s wait
    expect(error).toMatchObject({ status: 0, code: "Aborted", attempts: 1 });
    await wait(1100);
    expect(server.current.requests).toHaveLength(1);
  });

  it("aborting while the body streams stops at once", async () => {
    const controller = new AbortController();
    server.current.script((res, request) => {
      stalledBody(res, request);
      setTimeout(() => controller.abort(), 30);
    });
    const client = clientFor(server.current.url, { timeout: { attemptTimeoutMs: 2000 } });
    const { error, ms } = await failure(() => client.GET(CONFIG, { ...byUrn, signal: controller.signal }));
    expect(ms).toBeLessThan(1500); // well before the 2 s attempt timeout
    expect(error).toMatchObject({ code: "Aborted", attempts: 1 });
    await wait(100);
    expect(server.current.requests).toHaveLength(1);
  });

  it("a signal aborted before the call sends nothing", async () => {
    const { error } = await failure(() => clientFor(server.current.url).GET(CONFIG, { ...byUrn, signal: AbortSignal.abort() }));
    expect(error).toMatchObject({ code: "Aborted", attempts: 1 });
    expect(server.current.requests).toHaveLength(0);
  });

  it("invokeFunction passes its signal through", async () => {
    const controller = new AbortController();
    // Aborted once the request has arrived, while its answer hangs (not after a fixed delay, which a
    // loaded machine could reach before the request is even sent).
    server.current.script(() => controller.abort());
    const client = clientFor(server.current.url, { timeout: { attemptTimeoutMs: 2000 } });
    const { error, ms } = await failure(() => invokeFunction(client, URN, {}, { signal: controller.signal }));
    expect(ms).toBeLessThan(1500); // well before the 2 s attempt timeout
    expect(error).toMatchObject({ code: "Aborted", attempts: 1 });
    expect(server.current.requests).toHaveLength(1);
  });
});

describe("what errors show", () => {
  it("token credentials: the X-Auth-Token is redacted in the error, and the token is nowhere in it", async () => {
    const token = "MIITtokenValue-0123456789-secret";
    server.current.script(json(500, { error_code: "FSS.0500", error_msg: "Internal error" }));
    const client = clientFor(server.current.url, { credentials: { token }, ...SHORT_TIMEOUT });
    const { error } = await failure(() => unwrap(client.GET(CONFIG, byUrn)));
    expect(server.current.requests[0]?.headers["x-auth-token"]).toBe(token);
    expect(error.request?.headers["x-auth-token"]).toBe("[REDACTED]");
    expectRequestInfo(error, "GET", CONFIG_PATH, [token]);

    server.current.script(hang);
    const timedOut = await failure(() => client.GET(CONFIG, byUrn));
    expect(timedOut.error.request?.headers["x-auth-token"]).toBe("[REDACTED]");
    expectRequestInfo(timedOut.error, "GET", CONFIG_PATH, [token]);
  });
});
