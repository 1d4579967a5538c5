import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/index.js";
import { URN } from "../helpers.js";
import { json, type Step } from "./scripted-server.js";
import {
  byUrn,
  CONFIG,
  CONFIG_PATH,
  clientFor,
  expectRequestInfo,
  failure,
  INVOKE,
  SAMPLE_CONFIG,
  sdkDateMs,
  signatureIsValid,
  timed,
  useScriptedServer,
} from "./setup.js";

const server = useScriptedServer();
const config = SAMPLE_CONFIG;
const HOUR = 60 * 60 * 1000;
// The API gateway accepts an X-Sdk-Date within 15 minutes of its own clock.
const WINDOW_MS = 15 * 60 * 1000;

/**
 * A gateway whose clock is `skewMs` away from ours: a request signed too far from its clock gets a
 * 401 carrying the gateway's Date; one signed close enough gets `then`.
 */
function skewedGateway(skewMs: number, then: Step = json(200, config)): Step {
  return (res, request) => {
    const gatewayNow = Date.now() + skewMs;
    if (Math.abs(sdkDateMs(request.headers["x-sdk-date"]) - gatewayNow) <= WINDOW_MS) return then(res, request);
    res.writeHead(401, {
      "content-type": "application/json",
      date: new Date(gatewayNow).toUTCString(),
      "x-request-id": `skew-${request.n}`,
    });
    res.end(
      JSON.stringify({ error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information: x-sdk-date expired" }),
    );
  };
}

describe("clock skew", () => {
  it.each([
    ["an hour ahead", HOUR],
    ["an hour behind", -HOUR],
  ])("a gateway %s: the 401's Date corrects the clock and the call is re-signed once", async (_, skew) => {
    server.current.script(skewedGateway(skew));
    const { value, ms } = await timed(() => unwrap(clientFor(server.current.url).GET(CONFIG, byUrn)));
    expect(value).toEqual(config);
    expect(ms).toBeLessThan(1000);

    const [refused, resent] = server.current.requests;
    expect(server.current.requests).toHaveLength(2);
    expect(Math.abs(sdkDateMs(refused?.headers["x-sdk-date"]) - Date.now())).toBeLessThan(60_000);
    // Signed with the gateway's time (the Date header has whole seconds, hence the small slack).
    expect(Math.abs(sdkDateMs(resent?.headers["x-sdk-date"]) - (Date.now() + skew))).toBeLessThan(5_000);
    expect(resent?.headers.authorization).not.toBe(refused?.headers.authorization);
    expect(await signatureIsValid(resent as NonNullable<typeof resent>)).toBe(true);
  });

  it("the correction stays with the client (and its withOptions copies): later calls are signed right first time", async () => {
    server.current.script(skewedGateway(HOUR));
    const client = clientFor(server.current.url);
    await unwrap(client.GET(CONFIG, byUrn));
    expect(server.current.requests).toHaveLength(2);
    await unwrap(client.GET(CONFIG, byUrn));
    await unwrap(client.withOptions({ timeout: { attemptTimeoutMs: 1000 } }).GET(CONFIG, byUrn));
    expect(server.current.requests).toHaveLength(4);
  });

  it("calls refused together are each re-signed, though the first to come back already corrected the shared clock", async () => {
    // The refusals come back after every call was sent, all signed with the uncorrected clock.
    const gateway = skewedGateway(HOUR);
    server.current.script((res, request) => void setTimeout(() => gateway(res, request), 30));
    const client = clientFor(server.current.url);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => unwrap(client.GET(CONFIG, byUrn))));
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    expect(server.current.requests).toHaveLength(40);
  });

  it("the fix is tried once: a gateway that keeps refusing gives its 401 after 2 requests", async () => {
    server.current.script((res) => {
      res.writeHead(401, { "content-type": "application/json", date: new Date(Date.now() + HOUR).toUTCString() });
      res.end(JSON.stringify({ error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information" }));
    });
    const { error } = await failure(() => unwrap(clientFor(server.current.url).GET(CONFIG, byUrn)));
    expect(server.current.requests).toHaveLength(2);
    expect(error).toMatchObject({ status: 401, code: "APIGW.0301", attempts: 2 });
    expectRequestInfo(error, "GET", CONFIG_PATH);
  });

  it("a 401 whose Date agrees with our clock is an ordinary auth failure: not retried", async () => {
    server.current.script(
      json(401, { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information" }, { "x-request-id": "r-401" }),
    );
    const { error } = await failure(() => unwrap(clientFor(server.current.url).GET(CONFIG, byUrn)));
    expect(server.current.requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 401, code: "APIGW.0301", requestId: "r-401", attempts: 1 });
  });

  it("after the clock fix the usual attempts remain; the error counts every request sent", async () => {
    server.current.script(skewedGateway(HOUR, json(500, { error_code: "FSS.0500", error_msg: "Internal error" })));
    const { error } = await failure(() => unwrap(clientFor(server.current.url).GET(CONFIG, byUrn)));
    expect(server.current.requests.map((r) => r.n)).toEqual([1, 2, 3, 4]);
    expect(error).toMatchObject({ status: 500, code: "FSS.0500", attempts: 4 });
  });

  it("a POST refused for its signing time is re-signed and sent again once (the gateway never ran it)", async () => {
    server.current.script(skewedGateway(HOUR, json(200, { result: "ok" })));
    const client = clientFor(server.current.url);
    const { data } = await client.POST(INVOKE, { params: { path: { function_urn: URN } }, body: { name: "fgkit" } });
    expect(data).toEqual({ result: "ok" });
    expect(server.current.requests.map((r) => r.body)).toEqual(['{"name":"fgkit"}', '{"name":"fgkit"}']);
    expect(await signatureIsValid(server.current.requests[1] as NonNullable<(typeof server.current.requests)[1]>)).toBe(true);
  });
});
