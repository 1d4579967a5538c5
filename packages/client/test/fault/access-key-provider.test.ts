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
      expect(error).toMatchObject({ status: 0, code: "CredentialsError", attempts: 1 });
      expect(String((error.cause as Error).message)).toBe("metadata service unreachable");
      expect(server.current.requests).toHaveLength(0);
    });
  }
});

describe("temporary access keys the gateway refuses", () => {
  const refused = json(401, { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information" });
  const accessKeyIdOf = (authorization: unknown) => /Access=([^,]+)/.exec(String(authorization))?.[1];

  for (const [name, fetch] of Object.entries(TRANSPORTS)) {
    const withTransport = fetch ? { fetch } : {};

    it(`${name}: are dropped; the call is signed with new keys and sent once more, and later calls keep them`, async () => {
      let fetched = 0;
      let offset = 0;
      const now = () => Date.now() + offset;
      const accessKeys = createAccessKeyProvider({
        now,
        fetchKeys: async () => {
          fetched++;
          return {
            ak: `${AKSK.ak}${fetched}`,
            sk: AKSK.sk,
            securityToken: `token-${fetched}`,
            expiresAt: new Date(now() + 3_600_000),
          };
        },
      });
      const client = clientFor(server.current.url, { credentials: { accessKeys }, ...withTransport });
      server.current.script(json(200, SAMPLE_CONFIG));
      await unwrap(client.GET(CONFIG, byUrn));
      offset += 60_000; // keys refused within 30 s of their fetch would be kept
      server.current.script(refused, json(200, { result: "ok" }), json(200, SAMPLE_CONFIG));
      await unwrap(client.POST(INVOKE, { ...byUrn, body: { a: 1 } }));
      await unwrap(client.GET(CONFIG, byUrn));
      const sent = server.current.requests;
      expect(
        sent.map((request) => [
          request.method,
          accessKeyIdOf(request.headers.authorization),
          request.headers["x-security-token"],
        ]),
      ).toEqual([
        ["GET", `${AKSK.ak}1`, "token-1"],
        ["POST", `${AKSK.ak}1`, "token-1"],
        ["POST", `${AKSK.ak}2`, "token-2"],
        ["GET", `${AKSK.ak}2`, "token-2"],
      ]);
      for (const request of sent)
        expect(await signatureIsValid(request, { ak: accessKeyIdOf(request.headers.authorization) ?? "", sk: AKSK.sk })).toBe(
          true,
        );
      expect(fetched).toBe(2);
    });
  }
});
