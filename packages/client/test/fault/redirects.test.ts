import type { Credentials, FetchLike } from "@fgkit/helpers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFunctionGraphClient, unwrap } from "../../src/index.js";
import { PROJECT } from "../helpers.js";
import { type ScriptedServer, startScriptedServer, text } from "./scripted-server.js";
import { byUrn, CONFIG, CONFIG_PATH, FAST_RETRY, failure } from "./setup.js";

// A redirect is never followed, whichever transport sends the call: following would carry the IAM
// token (X-Auth-Token) or a temporary credential's X-Security-Token to wherever it points, and a
// signature only holds for the host and path it covers anyway.

const IAM_TOKEN = "MIIExampleIamTokenThatMustStayHome";
const SECURITY_TOKEN = "ExampleSecurityTokenThatMustStayHome";
const CREDENTIALS: Record<string, Credentials> = {
  "an IAM token": { token: IAM_TOKEN },
  "AK/SK with a security token": {
    ak: "HPUAEXAMPLEAK0123456",
    sk: "ExampleSecretKey0123456789abcdefghijklmnop",
    securityToken: SECURITY_TOKEN,
  },
};
const TRANSPORTS: Record<string, FetchLike | undefined> = {
  "the default transport": undefined,
  "the global fetch": (request) => globalThis.fetch(request),
};

let api: ScriptedServer;
let elsewhere: ScriptedServer;
beforeEach(async () => {
  [api, elsewhere] = await Promise.all([startScriptedServer(), startScriptedServer()]);
});
afterEach(async () => {
  await Promise.all([api.close(), elsewhere.close()]);
});

const clientOf = (credentials: Credentials, fetch: FetchLike | undefined) =>
  createFunctionGraphClient({
    endpoint: api.url,
    projectId: PROJECT,
    credentials,
    retry: FAST_RETRY,
    ...(fetch ? { fetch } : {}),
  });

describe("redirects are answers, never followed", () => {
  for (const [transportName, fetch] of Object.entries(TRANSPORTS))
    for (const [credentialsName, credentials] of Object.entries(CREDENTIALS))
      it(`${transportName}, ${credentialsName}: a 307 to another host sends nothing there`, async () => {
        const target = `${elsewhere.url}/collect?token=leaked`;
        api.script(text(307, "", { location: target }));
        const client = clientOf(credentials, fetch);

        const plain = await client.GET(CONFIG, byUrn);
        expect(plain.response.status).toBe(307);
        expect(plain.response.headers.get("location")).toBe(target);
        expect(plain.data).toBeUndefined();

        const { error } = await failure(() => unwrap(client.GET(CONFIG, byUrn)));
        // The same code on every transport and in browsers (where the redirect is hidden: status 0).
        expect(error).toMatchObject({ status: 307, code: "Redirect", attempts: 1 });
        // Where it pointed, with a credential-like query value redacted.
        expect(error.message).toBe(
          `GET ${CONFIG_PATH} failed with 307: a redirect to ${elsewhere.url}/collect?token=[REDACTED], which is not followed`,
        );

        expect(api.requests).toHaveLength(2);
        expect(elsewhere.requests).toHaveLength(0);
      });

  for (const [transportName, fetch] of Object.entries(TRANSPORTS))
    it(`${transportName}: a 302 on the same host is not followed either, and not retried`, async () => {
      api.script(text(302, "", { location: "/moved" }));
      const { error } = await failure(() =>
        unwrap(clientOf(CREDENTIALS["an IAM token"] as Credentials, fetch).GET(CONFIG, byUrn)),
      );
      expect(error.message).toBe(`GET ${CONFIG_PATH} failed with 302: a redirect to /moved, which is not followed`);
      expect(api.requests.map((request) => request.url.pathname)).toEqual([CONFIG_PATH]);
    });

  it("a redirect whose body carries the API's error keeps the API's message", async () => {
    api.script(text(301, JSON.stringify({ error_code: "APIGW.0301", error_msg: "Moved" }), { location: "/v3" }));
    const { error } = await failure(() =>
      unwrap(clientOf(CREDENTIALS["an IAM token"] as Credentials, undefined).GET(CONFIG, byUrn)),
    );
    expect(error).toMatchObject({ status: 301, code: "APIGW.0301" });
    expect(error.message).toBe(`GET ${CONFIG_PATH} failed with 301 APIGW.0301: Moved`);
  });
});
