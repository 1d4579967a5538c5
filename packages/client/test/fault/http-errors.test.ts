import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/index.js";
import { huge, json, text } from "./scripted-server.js";
import {
  byUrn,
  CONFIG,
  CONFIG_PATH,
  clientFor,
  expectRequestInfo,
  FAST_RETRY,
  failure,
  SAMPLE_CONFIG,
  timed,
  useScriptedServer,
} from "./setup.js";

const server = useScriptedServer();
const config = SAMPLE_CONFIG;

describe("HTTP error answers", () => {
  it("500: retried 3 times; the call keeps { error, response }, unwrap throws the API's code and message", async () => {
    server.current.script(json(500, { error_code: "FSS.0500", error_msg: "Internal error" }, { "x-request-id": "req-500" }));
    const client = clientFor(server.current.url);

    const { value: direct, ms } = await timed(() => client.GET(CONFIG, byUrn));
    expect(server.current.requests).toHaveLength(3);
    expect(ms).toBeLessThan(2000);
    expect(direct.data).toBeUndefined();
    expect(direct.error).toEqual({ error_code: "FSS.0500", error_msg: "Internal error" });
    expect(direct.response.status).toBe(500);

    const { error } = await failure(() => unwrap(client.GET(CONFIG, byUrn)));
    expect(server.current.requests).toHaveLength(6);
    expect(error).toMatchObject({ status: 500, code: "FSS.0500", requestId: "req-500", attempts: 3 });
    expect(error.message).toBe(`GET ${CONFIG_PATH} failed with 500 FSS.0500: Internal error`);
    expect(error.response).toMatchObject({ status: 500, data: { error_code: "FSS.0500", error_msg: "Internal error" } });
    expect(error.response?.headers["x-request-id"]).toBe("req-500");
    expectRequestInfo(error, "GET", CONFIG_PATH);
  });

  it("retry.onRetry sees each retried answer as an error, with no secret in it; withOptions can set it per call", async () => {
    const events: { status: number; attempt: number; text: string }[] = [];
    const token = "MIIsecret-token-value";
    const onRetry = ({ error, attempt }: { error: Error & { status: number }; attempt: number }) =>
      events.push({ status: error.status, attempt, text: `${JSON.stringify(error)} ${inspect(error, { depth: 9 })}` });
    server.current.script(json(503, { error_code: "FSS.0503", error_msg: "Busy" }), json(200, config));
    const client = clientFor(server.current.url, { credentials: { token }, retry: { ...FAST_RETRY, onRetry } });
    expect(await unwrap(client.GET(CONFIG, byUrn))).toEqual(config);
    expect(events.map(({ status, attempt }) => [status, attempt])).toEqual([[503, 1]]);
    expect(events[0]?.text).toContain("FSS.0503");
    expect(events[0]?.text).not.toContain(token);

    server.current.script(json(500, {}), json(200, config));
    const perCall: number[] = [];
    await unwrap(
      clientFor(server.current.url)
        .withOptions({ retry: { onRetry: ({ attempt }) => perCall.push(attempt) } })
        .GET(CONFIG, byUrn),
    );
    expect(perCall).toEqual([1]);
  });

  it("reads the { error: { code, message } } shape too", async () => {
    server.current.script(
      json(504, { error: { code: "APIGW.0201", message: "Backend timeout" } }, { "x-apig-request-id": "apig-1" }),
    );
    const { error } = await failure(() => unwrap(clientFor(server.current.url).GET(CONFIG, byUrn)));
    expect(server.current.requests).toHaveLength(3);
    expect(error).toMatchObject({ status: 504, code: "APIGW.0201", requestId: "apig-1", attempts: 3 });
    expect(error.message).toContain("Backend timeout");
  });

  it("502 with an HTML page from a proxy: retried, then an error quoting the page, not a JSON parse crash", async () => {
    const page = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";
    server.current.script(text(502, page, { "content-type": "text/html" }));
    const client = clientFor(server.current.url);

    const direct = await client.GET(CONFIG, byUrn);
    expect(direct.error).toBe(page);
    expect(server.current.requests).toHaveLength(3);

    const { error, ms } = await failure(() => unwrap(client.GET(CONFIG, byUrn)));
    expect(ms).toBeLessThan(2000);
    expect(error).toMatchObject({ status: 502, code: undefined, attempts: 3 });
    expect(error.message).toContain("failed with 502: non-JSON body: <html><head><title>502 Bad Gateway");
    expect(error.response?.data).toBe(page);
  });

  it("502 with an empty body: retried, then an error saying the body was empty", async () => {
    server.current.script(text(502, ""));
    const { error } = await failure(() => unwrap(clientFor(server.current.url).GET(CONFIG, byUrn)));
    expect(server.current.requests).toHaveLength(3);
    expect(error).toMatchObject({ status: 502, attempts: 3, response: { data: undefined } });
    expect(error.message).toBe(`GET ${CONFIG_PATH} failed with 502: empty body`);
  });

  it("an empty error body handed over as text still reads as empty, not as a non-JSON body", async () => {
    const { error } = await failure(() => unwrap({ error: "", response: new Response("", { status: 502 }) }));
    expect(error.message).toMatch(/failed with 502: empty body$/);
    expect(error.response?.data).toBeUndefined();
  });

  it("a 502 then a 200: the caller gets the data", async () => {
    server.current.script(text(502, "<html>Bad Gateway</html>", { "content-type": "text/html" }), json(200, config));
    const data = await unwrap(clientFor(server.current.url).GET(CONFIG, byUrn));
    expect(data).toEqual(config);
    expect(server.current.requests).toHaveLength(2);
  });

  it("4xx other than 429 are not retried", async () => {
    server.current.script(json(404, { error_code: "FSS.1051", error_msg: "Not found the function" }));
    const { error } = await failure(() => unwrap(clientFor(server.current.url).GET(CONFIG, byUrn)));
    expect(server.current.requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 404, code: "FSS.1051", attempts: 1 });
  });

  it("backs off exponentially with full jitter between attempts", async () => {
    server.current.script(json(500, {}));
    // random 0.99 picks near the top of [0, base * 2^retry): about 79 ms, then about 158 ms.
    const client = clientFor(server.current.url, { retry: { baseDelayMs: 80, random: () => 0.99 } });
    await client.GET(CONFIG, byUrn);
    const [first, second, third] = server.current.requests.map((r) => r.at) as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(75);
    expect(third - second).toBeGreaterThanOrEqual(150);
    expect(third - first).toBeLessThan(1000);
  });
});

describe("throttling", () => {
  it("503 with Retry-After: 1 waits at least a second before the next attempt", async () => {
    server.current.script(json(503, { error_code: "FSS.0503", error_msg: "Busy" }, { "retry-after": "1" }), json(200, config));
    const { value, ms } = await timed(() => unwrap(clientFor(server.current.url).GET(CONFIG, byUrn)));
    expect(value).toEqual(config);
    const [first, second] = server.current.requests.map((r) => r.at) as [number, number];
    expect(server.current.requests).toHaveLength(2);
    expect(second - first).toBeGreaterThanOrEqual(990);
    expect(ms).toBeGreaterThanOrEqual(990);
    expect(ms).toBeLessThan(2000);
  });

  it("a Retry-After above maxRetryAfterMs ends the retries at once with the 503", async () => {
    server.current.script(
      json(503, { error_code: "FSS.0503", error_msg: "Busy" }, { "retry-after": "1", "x-request-id": "r-503" }),
    );
    const client = clientFor(server.current.url, { retry: { maxRetryAfterMs: 500 } });
    const { error, ms } = await failure(() => unwrap(client.GET(CONFIG, byUrn)));
    expect(server.current.requests).toHaveLength(1);
    expect(ms).toBeLessThan(900); // not after the 1 s Retry-After
    expect(error).toMatchObject({ status: 503, code: "FSS.0503", requestId: "r-503", attempts: 1 });
  });

  it("429: retried until it passes", async () => {
    const tooMany = json(429, { error_code: "FSS.0429", error_msg: "Too many requests" });
    server.current.script(tooMany, tooMany, json(200, config));
    const { value, ms } = await timed(() => unwrap(clientFor(server.current.url).GET(CONFIG, byUrn)));
    expect(value).toEqual(config);
    expect(server.current.requests).toHaveLength(3);
    expect(ms).toBeLessThan(2000);
  });

  it("429 every time: 3 attempts, then the 429 error", async () => {
    server.current.script(json(429, { error_code: "FSS.0429", error_msg: "Too many requests" }, { "x-request-id": "r-429" }));
    const { error } = await failure(() => unwrap(clientFor(server.current.url).GET(CONFIG, byUrn)));
    expect(server.current.requests).toHaveLength(3);
    expect(error).toMatchObject({ status: 429, code: "FSS.0429", requestId: "r-429", attempts: 3 });
    expect(error.message).toContain("Too many requests");
  });
});

describe("bodies that cannot be used", () => {
  it("malformed JSON on a 200: not retried, an InvalidResponseBody error keeping the text and request id", async () => {
    server.current.script(
      text(200, '{"func_name": "hello", "runtime": ', { "content-type": "application/json", "x-request-id": "r-bad" }),
    );
    const { error } = await failure(() => clientFor(server.current.url).GET(CONFIG, byUrn));
    expect(server.current.requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 200, code: "InvalidResponseBody", requestId: "r-bad", attempts: 1 });
    expect(error.message).toBe(`GET ${CONFIG_PATH}: the 200 answer is not valid JSON (application/json, 34 bytes)`);
    expect(error.response?.data).toBe('{"func_name": "hello", "runtime": ');
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expectRequestInfo(error, "GET", CONFIG_PATH);
  });

  it("a 200 labelled JSON that is not JSON is read as it came with parseAs: text", async () => {
    // ExportFunction's older form answers the Base64 package itself, and the invoke v0 answer is the
    // function's own text: a caller reading text gets it, whatever the label says.
    const base64Zip = "UEsDBBQAAAAIADuTeF1pB8o9kQAAAL4AAAAPAAAAaGVsbG8=";
    server.current.script(text(200, base64Zip, { "content-type": "application/json;charset=UTF-8" }));
    const exported = await unwrap(
      clientFor(server.current.url).GET("/v2/{project_id}/fgs/functions/{function_urn}/export", {
        params: { ...byUrn.params, query: { code: true } },
        parseAs: "text",
      }),
    );
    expect(exported).toBe(base64Zip);
    expect(server.current.requests).toHaveLength(1);
  });

  it("a 200 labelled JSON that does not even start as JSON, read as JSON, says to read it with parseAs: text", async () => {
    // ExportFunction's older form (code=true) answers the Base64 package: the message names the way out.
    const base64Zip = "UEsDBBQAAAAIADuTeF1pB8o9kQAAAL4AAAAPAAAAaGVsbG8=";
    server.current.script(text(200, base64Zip, { "content-type": "application/json;charset=UTF-8" }));
    const { error } = await failure(() =>
      unwrap(
        clientFor(server.current.url).GET("/v2/{project_id}/fgs/functions/{function_urn}/export", {
          params: { ...byUrn.params, query: { code: true } },
        }),
      ),
    );
    expect(error).toMatchObject({ status: 200, code: "InvalidResponseBody", response: { data: base64Zip } });
    expect(error.message).toMatch(
      /the 200 answer is not valid JSON \(application\/json;charset=UTF-8, 48 bytes\); read such an answer with parseAs: "text"$/,
    );
  });

  it("malformed JSON after a 500 counts both attempts", async () => {
    server.current.script(json(500, {}), text(200, "{", { "content-type": "application/json" }));
    const { error } = await failure(() => clientFor(server.current.url).GET(CONFIG, byUrn));
    expect(server.current.requests).toHaveLength(2);
    expect(error).toMatchObject({ code: "InvalidResponseBody", attempts: 2 });
  });

  it.each([
    ["with its Content-Length", false],
    ["chunked", true],
  ])("an HTML page on a 200 (%s) gives an InvalidResponseBody error, not a SyntaxError", async (_, chunked) => {
    const page = "<html><body>Please log in to the proxy</body></html>";
    server.current.script((res) => {
      res.writeHead(200, { "content-type": "text/html", ...(chunked ? {} : { "content-length": String(page.length) }) });
      res.end(page);
    });
    const { error } = await failure(() => clientFor(server.current.url).GET(CONFIG, byUrn));
    expect(error).toMatchObject({ status: 200, code: "InvalidResponseBody", attempts: 1, response: { data: page } });
    // Labelled as text, not JSON: the message says how to read such an answer.
    expect(error.message).toContain(`not valid JSON (text/html, ${page.length} bytes); read such an answer with parseAs: "text"`);
  });

  it.each([
    ["with its Content-Length", false],
    ["chunked, no length announced", true],
  ])("a body larger than maxResponseBytes (%s) is refused, not retried", async (_, chunked) => {
    server.current.script(huge(64 * 1024, { chunked }));
    const client = clientFor(server.current.url, { maxResponseBytes: 4096 });
    const { error, ms } = await failure(() => client.GET(CONFIG, byUrn));
    expect(server.current.requests).toHaveLength(1);
    expect(ms).toBeLessThan(1000);
    expect(error).toMatchObject({ status: 200, code: "ResponseTooLarge", attempts: 1 });
    expect(error.message).toBe(`GET ${CONFIG_PATH}: response body exceeds 4096 bytes`);
    expect(error.response?.status).toBe(200);
    expectRequestInfo(error, "GET", CONFIG_PATH);
  });

  it("withOptions({ maxResponseBytes }) lowers the limit for one call; the request id is kept", async () => {
    server.current.script((res) => {
      const body = JSON.stringify({ ...config, padding: "x".repeat(8 * 1024) });
      res.writeHead(200, { "content-type": "application/json", "x-request-id": "r-big" });
      res.end(body);
    });
    const client = clientFor(server.current.url);
    expect((await unwrap(client.GET(CONFIG, byUrn))).func_name).toBe("hello");
    const { error } = await failure(() => client.withOptions({ maxResponseBytes: 1024 }).GET(CONFIG, byUrn));
    expect(error).toMatchObject({ code: "ResponseTooLarge", requestId: "r-big" });
    expect(server.current.requests).toHaveLength(2);
  });
});
