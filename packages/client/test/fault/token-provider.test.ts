import { createTokenProvider, type FetchLike, type TokenProvider } from "@fgkit/helpers";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/index.js";
import { json } from "./scripted-server.js";
import {
  ATTEMPT_TIMEOUT_MS,
  byUrn,
  CONFIG,
  CONFIG_PATH,
  clientFor,
  FAST_RETRY,
  failure,
  INVOKE,
  SAMPLE_CONFIG,
  SHORT_TIMEOUT,
  useScriptedServer,
} from "./setup.js";

// A token provider is the caller's code (or IAM behind it): one that never answers must not hold a
// call past its attempt timeout, its deadline or its AbortSignal, on either transport.

const server = useScriptedServer();
const never: TokenProvider = () => new Promise<string>(() => {});
const TRANSPORTS: Record<string, FetchLike | undefined> = {
  "the default transport": undefined,
  "the global fetch": (request) => globalThis.fetch(request),
};

describe("a token provider that never answers", () => {
  for (const [name, fetch] of Object.entries(TRANSPORTS)) {
    const withTransport = fetch ? { fetch } : {};

    it(`${name}: each attempt ends at its timeout; after 3, Timeout, and nothing was sent`, async () => {
      const client = clientFor(server.current.url, { credentials: never, ...SHORT_TIMEOUT, ...withTransport });
      const { error, ms } = await failure(() => client.GET(CONFIG, byUrn));
      expect(error).toMatchObject({ status: 0, code: "Timeout", attempts: 3 });
      expect(error.message).toBe(
        `GET ${CONFIG_PATH}: attempt 3 was not sent: no credentials came within ${ATTEMPT_TIMEOUT_MS} ms`,
      );
      expect(ms).toBeGreaterThanOrEqual(3 * ATTEMPT_TIMEOUT_MS - 20);
      expect(server.current.requests).toHaveLength(0);
    });

    it(`${name}: a POST waiting for its token is tried again too (nothing was sent), and gets through`, async () => {
      server.current.script(json(200, { result: "ok" }));
      let asked = 0;
      const once: TokenProvider = () => (++asked === 1 ? never() : Promise.resolve("MIIToken-second"));
      const client = clientFor(server.current.url, { credentials: once, ...SHORT_TIMEOUT, ...withTransport });
      const answer = await client.POST(INVOKE, { ...byUrn, body: { n: 1 } });
      expect(answer.response.status).toBe(200);
      expect(server.current.requests).toHaveLength(1);
      expect(asked).toBe(2);
    });

    it(`${name}: one that hangs once and then answers: the retry gets through with its token`, async () => {
      server.current.script(json(200, SAMPLE_CONFIG));
      let asked = 0;
      const once: TokenProvider = () => (++asked === 1 ? never() : Promise.resolve("MIIToken-second"));
      const client = clientFor(server.current.url, { credentials: once, ...SHORT_TIMEOUT, ...withTransport });
      expect(await unwrap(client.GET(CONFIG, byUrn))).toEqual(SAMPLE_CONFIG);
      expect(asked).toBe(2);
      expect(server.current.requests.map((request) => request.headers["x-auth-token"])).toEqual(["MIIToken-second"]);
    });

    it(`${name}: the deadline and the caller's signal end the wait`, async () => {
      const deadline = clientFor(server.current.url, { credentials: never, timeout: { totalTimeoutMs: 100 }, ...withTransport });
      const { error: late } = await failure(() => deadline.GET(CONFIG, byUrn));
      expect(late).toMatchObject({
        status: 0,
        code: "Timeout",
        message: `GET ${CONFIG_PATH}: no answer within the 100 ms deadline`,
      });

      const controller = new AbortController();
      const client = clientFor(server.current.url, { credentials: never, ...withTransport });
      setTimeout(() => controller.abort(new Error("user gave up")), 50);
      const { error: stopped } = await failure(() => client.GET(CONFIG, { ...byUrn, signal: controller.signal }));
      expect(stopped).toMatchObject({ status: 0, code: "Aborted" });
      expect(server.current.requests).toHaveLength(0);
    });

    it(`${name}: a token refresh the call gave up on is stopped soon after (no request left to hold the program open)`, async () => {
      const refreshes: AbortSignal[] = [];
      const provider = createTokenProvider({
        fetchToken: ({ signal }) => {
          refreshes.push(signal);
          return new Promise(() => {}); // IAM hangs
        },
      });
      const controller = new AbortController();
      const client = clientFor(server.current.url, { credentials: provider, ...withTransport });
      setTimeout(() => controller.abort(new Error("shutting down")), 50);
      const { error } = await failure(() => client.GET(CONFIG, { ...byUrn, signal: controller.signal }));
      expect(error).toMatchObject({ code: "Aborted" });
      expect(refreshes).toHaveLength(1);
      expect(refreshes[0]?.aborted).toBe(false); // not at once: a next attempt would wait for it
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(refreshes[0]?.aborted).toBe(true); // not after fetchTimeoutMs (60 s)
    });
  }
});

// A token revoked before its expiry (a changed password, a deleted user): without the 401 telling the
// provider, every call would fail until the cached token's expiry, up to 24 hours later.
describe("a cached token the gateway refuses", () => {
  const refused = json(401, { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information" });
  // `age()` moves the provider's clock a minute on: a token refused within 30 s of its fetch is kept.
  const cachingProvider = () => {
    let fetched = 0;
    let offset = 0;
    const now = () => Date.now() + offset;
    const provider = createTokenProvider({
      now,
      fetchToken: async () => ({ token: `MIIToken-${++fetched}`, expiresAt: new Date(now() + 3_600_000) }),
    });
    return { provider, fetched: () => fetched, age: () => (offset += 60_000) };
  };

  for (const [name, fetch] of Object.entries(TRANSPORTS)) {
    const withTransport = fetch ? { fetch } : {};

    it(`${name}: is dropped; the call goes through with a new one, a POST too, and later calls keep it`, async () => {
      const { provider, fetched, age } = cachingProvider();
      const client = clientFor(server.current.url, { credentials: provider, ...withTransport });
      server.current.script(json(200, SAMPLE_CONFIG));
      expect(await unwrap(client.GET(CONFIG, byUrn))).toEqual(SAMPLE_CONFIG);
      age();
      server.current.script(refused, json(200, { status: "success", result: "{}" }), json(200, SAMPLE_CONFIG));
      await unwrap(client.POST(INVOKE, { ...byUrn, body: { a: 1 } }));
      expect(await unwrap(client.GET(CONFIG, byUrn))).toEqual(SAMPLE_CONFIG);
      expect(server.current.requests.map((request) => [request.method, request.headers["x-auth-token"], request.body])).toEqual([
        ["GET", "MIIToken-1", ""],
        ["POST", "MIIToken-1", '{"a":1}'],
        ["POST", "MIIToken-2", '{"a":1}'],
        ["GET", "MIIToken-2", ""],
      ]);
      expect(fetched()).toBe(2);
    });

    it(`${name}: refused again, the 401 is the error: one resend, counted among the requests sent`, async () => {
      const { provider, fetched, age } = cachingProvider();
      const client = clientFor(server.current.url, { credentials: provider, retry: FAST_RETRY, ...withTransport });
      server.current.script(json(200, SAMPLE_CONFIG));
      await unwrap(client.GET(CONFIG, byUrn));
      age();
      server.current.script(refused);
      const { error } = await failure(() => unwrap(client.GET(CONFIG, byUrn)));
      expect(error).toMatchObject({ status: 401, code: "APIGW.0301", attempts: 2 });
      expect(server.current.requests).toHaveLength(3);
      expect(fetched()).toBe(2);
      expect(JSON.stringify(error)).not.toContain("MIIToken");
    });

    it(`${name}: a token fetched moments ago and refused is the error at once: IAM is not asked again per call`, async () => {
      const { provider, fetched } = cachingProvider();
      server.current.script(refused);
      const client = clientFor(server.current.url, { credentials: provider, ...withTransport });
      for (let call = 0; call < 3; call++) {
        const { error } = await failure(() => unwrap(client.GET(CONFIG, byUrn)));
        expect(error).toMatchObject({ status: 401, attempts: 1 });
      }
      expect(server.current.requests).toHaveLength(3);
      expect(fetched()).toBe(1);
    });
  }

  it("a fixed token (nothing to refresh) gets its 401 at once", async () => {
    server.current.script(refused);
    const client = clientFor(server.current.url, { credentials: { token: "MIIToken-fixed" } });
    const { error } = await failure(() => unwrap(client.GET(CONFIG, byUrn)));
    expect(error).toMatchObject({ status: 401, attempts: 1 });
    expect(server.current.requests).toHaveLength(1);
  });
});
