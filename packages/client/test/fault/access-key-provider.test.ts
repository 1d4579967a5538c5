import { createAccessKeyProvider, type FetchLike } from "@fgkit/helpers";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/index.js";
import { AKSK } from "../helpers.js";
import { json } from "./scripted-server.js";
import { byUrn, CONFIG, clientFor, failure, INVOKE, SAMPLE_CONFIG, signatureIsValid, useScriptedServer } from "./setup.js";

// Temporary access keys from a provider (the ECS metadata service, say): every attempt is signed
// with the keys the provider holds when it is sent, on either transport.

const server = useScriptedServer();
const TRANSPORTS: Record<string, FetchLike | undefined> = {
  "the default transport": undefined,
  "the global fetch": (request) => globalThis.fetch(request),
};
const TEMPORARY = { ...AKSK, securityToken: "temporary-security-token" };

describe("credentials: { accessKeys }", () => {
  for (const [name, fetch] of Object.entries(TRANSPORTS)) {
    const withTransport = fetch ? { fetch } : {};

    it(`${name}: signs every attempt with the provider's keys and token, retries included`, async () => {
      let fetched = 0;
      const accessKeys = createAccessKeyProvider({
        fetchKeys: async () => {
          fetched++;
          return { ...TEMPORARY, expiresAt: new Date(Date.now() + 3_600_000) };
        },
      });
      const client = clientFor(server.current.url, { credentials: { accessKeys }, ...withTransport });
      server.current.script(json(503, {}, { "retry-after": "0" }), json(200, SAMPLE_CONFIG));
      expect(await unwrap(client.GET(CONFIG, byUrn))).toEqual(SAMPLE_CONFIG);
      server.current.script(json(200, { result: "ok" }));
      await unwrap(client.POST(INVOKE, { ...byUrn, body: { a: 1 } }));
      expect(server.current.requests).toHaveLength(3);
      for (const request of server.current.requests) {
        expect(await signatureIsValid(request)).toBe(true);
        expect(request.headers["x-security-token"]).toBe(TEMPORARY.securityToken);
      }
      expect(fetched).toBe(1);
    });

    it(`${name}: a provider that fails ends the call with its error, and nothing is sent`, async () => {
      const client = clientFor(server.current.url, {
        credentials: {
          accessKeys: () => {
            throw new Error("metadata service unreachable");
          },
        },
        ...withTransport,
      });
      const { error } = await failure(() => client.GET(CONFIG, byUrn));
      expect(String(error.cause ?? error.message)).toContain("metadata service unreachable");
      expect(server.current.requests).toHaveLength(0);
    });
  }
});
