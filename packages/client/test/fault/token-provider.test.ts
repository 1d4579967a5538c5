import type { FetchLike, TokenProvider } from "@fgkit/helpers";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/index.js";
import { json } from "./scripted-server.js";
import {
  ATTEMPT_TIMEOUT_MS,
  byUrn,
  CONFIG,
  CONFIG_PATH,
  clientFor,
  failure,
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
      expect(error.message).toBe(`GET ${CONFIG_PATH}: attempt 3 got no complete answer within ${ATTEMPT_TIMEOUT_MS} ms`);
      expect(ms).toBeGreaterThanOrEqual(3 * ATTEMPT_TIMEOUT_MS - 20);
      expect(server.current.requests).toHaveLength(0);
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
  }
});
