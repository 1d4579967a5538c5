import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/index.js";
import { URN } from "../helpers.js";
import { brokenHttp, hang, json, refusedUrl, reset, stalledBody, truncated } from "./scripted-server.js";
import {
  ATTEMPT_TIMEOUT_MS,
  byUrn,
  CONFIG,
  CONFIG_PATH,
  clientFor,
  expectRequestInfo,
  failure,
  INVOKE,
  SAMPLE_CONFIG,
  SHORT_TIMEOUT,
  timed,
  useScriptedServer,
} from "./setup.js";

const server = useScriptedServer();
const config = SAMPLE_CONFIG;

describe("connections that fail", () => {
  it("a reset connection: retried, then a NetworkError with status 0", async () => {
    server.current.script(reset);
    const { error, ms } = await failure(() => clientFor(server.current.url).GET(CONFIG, byUrn));
    expect(server.current.requests).toHaveLength(3);
    expect(ms).toBeLessThan(2000);
    expect(error).toMatchObject({ status: 0, code: "NetworkError", attempts: 3, requestId: undefined, response: undefined });
    expect(error.message).toMatch(new RegExp(`^GET ${CONFIG_PATH}: no response \\((UND_ERR_SOCKET|ECONNRESET): `));
    expect(error.cause).toBeInstanceOf(Error);
    expectRequestInfo(error, "GET", CONFIG_PATH);
  });

  it("a reset then a 200: the caller gets the data", async () => {
    server.current.script(reset, json(200, config));
    expect(await unwrap(clientFor(server.current.url).GET(CONFIG, byUrn))).toEqual(config);
    expect(server.current.requests).toHaveLength(2);
  });

  it("a refused port: 3 quick attempts, then a NetworkError naming ECONNREFUSED", async () => {
    const { error, ms } = await failure(async () => clientFor(await refusedUrl()).GET(CONFIG, byUrn));
    expect(ms).toBeLessThan(1000);
    expect(error).toMatchObject({ status: 0, code: "NetworkError", attempts: 3 });
    expect(error.message).toMatch(/no response \(ECONNREFUSED: /);
  });

  it("a refused port is retried for POST too (nothing was sent), unlike a reset connection", async () => {
    const invoke = { params: { path: { function_urn: URN } }, body: { name: "fgkit" } };
    const { error } = await failure(async () => clientFor(await refusedUrl()).POST(INVOKE, invoke));
    expect(error).toMatchObject({ status: 0, code: "NetworkError", attempts: 3 });

    server.current.script(reset);
    const { error: afterReset } = await failure(() => clientFor(server.current.url).POST(INVOKE, invoke));
    expect(server.current.requests).toHaveLength(1);
    expect(afterReset).toMatchObject({ status: 0, code: "NetworkError", attempts: 1 });
    // The error says why there was no second attempt, and how to allow one.
    expect(afterReset.message).toMatch(
      /; not sent again, as the POST may have run \(retry\.retryNonIdempotent: true sends it again\)$/,
    );
  });

  it("a truncated body (Content-Length larger than what came, then close): retried, then a NetworkError", async () => {
    server.current.script(truncated());
    const { error, ms } = await failure(() => clientFor(server.current.url).GET(CONFIG, byUrn));
    expect(server.current.requests).toHaveLength(3);
    expect(ms).toBeLessThan(2000);
    expect(error).toMatchObject({ status: 0, code: "NetworkError", attempts: 3 });
    // fetch's own "terminated" is not the message: what happened, and undici's reason, are.
    expect(error.message).toBe(`GET ${CONFIG_PATH}: the answer broke off (UND_ERR_SOCKET: other side closed)`);
    expect(error.cause).toMatchObject({ message: "terminated" });
  });

  it("an answer that breaks HTTP itself: not sent again (it would come back the same), a NetworkError with the parser's reason", async () => {
    server.current.script(brokenHttp, json(200, config));
    const { error } = await failure(() => clientFor(server.current.url).GET(CONFIG, byUrn));
    expect(server.current.requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 0, code: "NetworkError", attempts: 1 });
    expect(error.message).toMatch(
      /^GET \S+: no response \(HPE_UNEXPECTED_CONTENT_LENGTH: .*Content-Length can't be present with Transfer-Encoding/,
    );
  });

  it("TLS to a port that does not speak it (as a refused certificate): one attempt, GET or POST, the reason named", async () => {
    const tlsUrl = server.current.url.replace(/^http:/, "https:");
    const invoke = { params: { path: { function_urn: URN } }, body: { name: "fgkit" } };
    for (const call of [() => clientFor(tlsUrl).GET(CONFIG, byUrn), () => clientFor(tlsUrl).POST(INVOKE, invoke)]) {
      const { error } = await failure(call);
      expect(error).toMatchObject({ status: 0, code: "NetworkError", attempts: 1 });
      expect(error.message).toMatch(/: no response \(ERR_SSL_WRONG_VERSION_NUMBER: /);
    }
  });

  it("a truncated body then a complete one: the caller gets the data", async () => {
    server.current.script(truncated(), json(200, config));
    expect(await unwrap(clientFor(server.current.url).GET(CONFIG, byUrn))).toEqual(config);
    expect(server.current.requests).toHaveLength(2);
  });
});

describe("timeouts", () => {
  it("a server that never answers: each attempt ends at attemptTimeoutMs, then a Timeout error", async () => {
    server.current.script(hang);
    const { error, ms } = await failure(() => clientFor(server.current.url, SHORT_TIMEOUT).GET(CONFIG, byUrn));
    expect(server.current.requests).toHaveLength(3);
    expect(ms).toBeGreaterThanOrEqual(3 * ATTEMPT_TIMEOUT_MS - 5);
    expect(ms).toBeLessThan(1500);
    expect(error).toMatchObject({ status: 0, code: "Timeout", attempts: 3 });
    expect(error.message).toBe(`GET ${CONFIG_PATH}: attempt 3 got no complete answer within ${ATTEMPT_TIMEOUT_MS} ms`);
    expectRequestInfo(error, "GET", CONFIG_PATH);
  });

  it("a hang then a 200: the second attempt answers", async () => {
    server.current.script(hang, json(200, config));
    const { value, ms } = await timed(() => unwrap(clientFor(server.current.url, SHORT_TIMEOUT).GET(CONFIG, byUrn)));
    expect(value).toEqual(config);
    expect(server.current.requests).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(ATTEMPT_TIMEOUT_MS - 5);
  });

  it("headers then a stalled body: the attempt timeout covers the body too", async () => {
    server.current.script(stalledBody);
    const { error, ms } = await failure(() => clientFor(server.current.url, SHORT_TIMEOUT).GET(CONFIG, byUrn));
    expect(server.current.requests).toHaveLength(3);
    expect(ms).toBeGreaterThanOrEqual(3 * ATTEMPT_TIMEOUT_MS - 5);
    expect(ms).toBeLessThan(1500);
    expect(error).toMatchObject({ status: 0, code: "Timeout", attempts: 3 });
  });

  it("a stalled body then a complete one: the caller gets the data", async () => {
    server.current.script(stalledBody, json(200, config));
    expect(await unwrap(clientFor(server.current.url, SHORT_TIMEOUT).GET(CONFIG, byUrn))).toEqual(config);
    expect(server.current.requests).toHaveLength(2);
  });

  it("a slow body that ends within the attempt timeout is not cut", async () => {
    const body = JSON.stringify(config);
    server.current.script((res) => {
      res.writeHead(200, { "content-type": "application/json" });
      let at = 0;
      const drip = setInterval(() => {
        res.write(body.slice(at, at + 8));
        at += 8;
        if (at >= body.length) {
          clearInterval(drip);
          res.end();
        }
      }, 10);
    });
    const { value, ms } = await timed(() => unwrap(clientFor(server.current.url, SHORT_TIMEOUT).GET(CONFIG, byUrn)));
    expect(value).toEqual(config);
    expect(server.current.requests).toHaveLength(1);
    expect(ms).toBeGreaterThanOrEqual(30);
  });

  it("totalTimeoutMs ends the call at the deadline, whatever attempts are left", async () => {
    server.current.script(hang);
    // Attempt 1 ends at 150 ms; attempt 2 would end after 305 ms, so the 300 ms deadline ends it.
    const client = clientFor(server.current.url, { timeout: { attemptTimeoutMs: ATTEMPT_TIMEOUT_MS, totalTimeoutMs: 300 } });
    const { error, ms } = await failure(() => client.GET(CONFIG, byUrn));
    expect(ms).toBeGreaterThanOrEqual(295);
    expect(ms).toBeLessThan(1000); // the attempts left would run to 450 ms and more, plus backoff
    expect(server.current.requests).toHaveLength(2);
    expect(error).toMatchObject({ status: 0, code: "Timeout", attempts: 2 });
    expect(error.message).toBe(`GET ${CONFIG_PATH}: no answer within the 300 ms deadline`);
    expectRequestInfo(error, "GET", CONFIG_PATH);
  });

  it("the deadline also cuts a Retry-After wait short", async () => {
    server.current.script(json(503, {}, { "retry-after": "1" }));
    const client = clientFor(server.current.url, { timeout: { totalTimeoutMs: 200 } });
    const { error, ms } = await failure(() => client.GET(CONFIG, byUrn));
    expect(ms).toBeLessThan(900); // not after the 1 s Retry-After
    expect(server.current.requests).toHaveLength(1);
    expect(error).toMatchObject({ code: "Timeout", attempts: 1 });
  });
});
