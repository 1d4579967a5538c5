// Bad input to the credential helpers is refused by name with an InvalidInputError, before any
// request, and never quoting a secret: not a TypeError from inside, and not a request sent with
// "[object Object]" in it.
import { describe, expect, it } from "vitest";
import {
  accessKeysFromEnv,
  assertAccessKeyCredentials,
  fetchEcsAccessKeys,
  fetchIamToken,
  invalidateRefusedCredentials,
  resolveCredentials,
} from "../../src/index.js";
import { refused } from "../support/refused.js";

const PASSWORD = "Pa55word-never-shown";
const SECRET_KEY = "secret-key-never-shown";

describe("accessKeysFromEnv", () => {
  const env = (more: Record<string, unknown>) => ({ HUAWEICLOUD_SDK_AK: "AK", HUAWEICLOUD_SDK_SK: SECRET_KEY, ...more }) as never;

  it.each([
    ["a number", 987654321, "must be a string, got number"],
    ["an object", { value: SECRET_KEY }, "must be a string, got object"],
    ["true", true, "must be a string, got boolean"],
  ])("refuses %s as HUAWEICLOUD_SDK_SK by name, never by value", async (_, value, problem) => {
    const error = await refused(() => accessKeysFromEnv(env({ HUAWEICLOUD_SDK_SK: value })), "HUAWEICLOUD_SDK_SK", [
      SECRET_KEY,
      "987654321",
    ]);
    expect(error.message).toBe(`HUAWEICLOUD_SDK_SK: ${problem}`);
  });

  it("takes a null variable as not set", async () => {
    const error = await refused(() => accessKeysFromEnv(env({ HUAWEICLOUD_SDK_SK: null })), "HUAWEICLOUD_SDK_SK");
    expect(error.message).toBe("HUAWEICLOUD_SDK_SK: is not set");
    await refused(() => accessKeysFromEnv(env({ HUAWEICLOUD_SDK_AK: null })), "HUAWEICLOUD_SDK_AK");
    expect(accessKeysFromEnv(env({ HUAWEICLOUD_SDK_SECURITY_TOKEN: null }))).toEqual({ ak: "AK", sk: SECRET_KEY });
  });

  it("still refuses a number as the access key or the security token", async () => {
    await refused(() => accessKeysFromEnv(env({ HUAWEICLOUD_SDK_AK: 5 })), "HUAWEICLOUD_SDK_AK");
    await refused(() => accessKeysFromEnv(env({ HUAWEICLOUD_SDK_SECURITY_TOKEN: 5 })), "HUAWEICLOUD_SDK_SECURITY_TOKEN");
  });
});

describe("fetchIamToken", () => {
  const base = { region: "cn-north-4", username: "alice", password: PASSWORD, domainName: "acme" };
  /** A fetch that counts what it was asked to send. */
  const counting = () => {
    const sent: Request[] = [];
    const fetch = async (request: Request) => {
      sent.push(request);
      return Response.json(
        { token: { expires_at: "2099-01-01T00:00:00Z" } },
        { status: 201, headers: { "X-Subject-Token": "t" } },
      );
    };
    return { sent, fetch };
  };

  it.each([
    ["NaN", Number.NaN],
    ["an object", {}],
    ["an empty string", ""],
    ["blanks", "  "],
    ["a Symbol", Symbol("p")],
    ["a Date", new Date(0)],
    ["a BigInt", 1n],
  ])("refuses %s as projectId, sending nothing", async (_, projectId) => {
    const { sent, fetch } = counting();
    await refused(() => fetchIamToken({ ...base, projectId: projectId as never, fetch }), "projectId", [PASSWORD]);
    expect(sent).toHaveLength(0);
  });

  it("refuses a number as projectName, sending nothing", async () => {
    const { sent, fetch } = counting();
    await refused(() => fetchIamToken({ ...base, projectName: 5 as never, fetch }), "projectName", [PASSWORD]);
    expect(sent).toHaveLength(0);
  });

  it.each([["abc"], [{}], [{ aborted: false }]])("refuses %j as signal, sending nothing", async (signal) => {
    const { sent, fetch } = counting();
    await refused(() => fetchIamToken({ ...base, projectId: "p", fetch, signal: signal as never }), "signal", [PASSWORD]);
    expect(sent).toHaveLength(0);
  });

  it.each([[5], ["fetch"], [{}]])("refuses %j as fetch (not a network error)", async (fetch) => {
    const error = await refused(() => fetchIamToken({ ...base, projectId: "p", fetch: fetch as never }), "fetch", [PASSWORD]);
    expect(error.message).toBe("fetch: must be a function (request: Request) => Promise<Response>");
  });

  it.each([
    ["an object", {}],
    ["undefined", undefined],
    ["a string", "ok"],
  ])("says so when a custom fetch resolves to %s rather than a Response", async (kind, answer) => {
    const error = await refused(() => fetchIamToken({ ...base, projectId: "p", fetch: async () => answer as never }), "fetch", [
      PASSWORD,
    ]);
    expect(error.message).toBe(`fetch: resolved to ${kind}, not a Response (POST /v3/auth/tokens to IAM)`);
  });

  it('refuses allowInsecureHttp "false" (a string would allow http)', async () => {
    const { sent, fetch } = counting();
    await refused(
      () =>
        fetchIamToken({
          ...base,
          region: undefined,
          iamEndpoint: "http://10.0.0.1",
          allowInsecureHttp: "false" as never,
          projectId: "p",
          fetch,
        }),
      "allowInsecureHttp",
    );
    expect(sent).toHaveLength(0);
  });

  it("still takes a project id or a project name given as text", async () => {
    const { sent, fetch } = counting();
    await fetchIamToken({ ...base, projectId: "0123", fetch });
    await fetchIamToken({ ...base, projectName: "cn-north-4", fetch });
    expect(await Promise.all(sent.map(async (request) => (await request.json()).auth.scope))).toEqual([
      { project: { id: "0123" } },
      { project: { name: "cn-north-4" } },
    ]);
  });
});

describe("fetchEcsAccessKeys", () => {
  it.each([["abc"], [{}]])("refuses %j as signal, sending nothing", async (signal) => {
    let sent = 0;
    const fetch = async () => {
      sent++;
      return new Response("", { status: 404 });
    };
    await refused(() => fetchEcsAccessKeys({ fetch, signal: signal as never }), "signal");
    expect(sent).toBe(0);
  });

  it("refuses a fetch that is not a function", async () => {
    await refused(() => fetchEcsAccessKeys({ fetch: "x" as never }), "fetch");
  });

  it("says so when a custom fetch resolves to something that is not a Response", async () => {
    const error = await refused(() => fetchEcsAccessKeys({ fetch: async () => 42 as never }), "fetch");
    expect(error.message).toBe(
      "fetch: resolved to a number, not a Response (PUT /meta-data/latest/api/token to the ECS metadata service)",
    );
  });
});

describe("invalidateRefusedCredentials", () => {
  const request = new Request("https://example.com/", { headers: { "x-auth-token": "t" } });

  it.each([
    [{ kind: "token" }, "auth.getToken"],
    [{ kind: "token", getToken: "t" }, "auth.getToken"],
    [{ kind: "accessKeyProvider" }, "auth.getKeys"],
    [{ kind: "accessKey" }, "auth.credentials"],
    [{ kind: "abc" }, "auth.kind"],
    [{}, "auth"],
    [{ ak: "AK", sk: "SK" }, "auth"],
    [null, "auth"],
  ])("refuses %j, naming %s", async (auth, field) => {
    await refused(() => invalidateRefusedCredentials(auth as never, request), field);
  });

  it("lists the kinds it knows", async () => {
    const error = await refused(() => invalidateRefusedCredentials({ kind: "abc" } as never, request), "auth.kind");
    expect(error.message).toContain("accessKey, accessKeyProvider, token");
  });

  it("still takes what resolveCredentials gives", () => {
    const dropped: string[] = [];
    const provider = Object.assign(() => "t", { invalidate: (token: string) => void dropped.push(token) });
    expect(invalidateRefusedCredentials(resolveCredentials(provider), request)).toBe(true);
    expect(dropped).toEqual(["t"]);
    expect(invalidateRefusedCredentials(resolveCredentials({ ak: "AK", sk: "SK" }), request)).toBe(false);
  });
});

describe("the field argument of the credential checks", () => {
  it("is refused when it is not a string", async () => {
    await refused(() => resolveCredentials({ ak: "AK", sk: "SK" }, Symbol("f") as never), "field");
    await refused(() => assertAccessKeyCredentials({ ak: "AK", sk: "SK" }, Symbol("f") as never), "field");
  });
});
