// Credentials of one kind only, with only the fields fgkit reads: a token next to access keys would
// replace them, and another SDK's field name (sessionToken) would be dropped without a word.
import { describe, expect, it } from "vitest";
import {
  type Credentials,
  createAccessKeyProvider,
  defaultFetch,
  InvalidInputError,
  resolveCredentials,
  withAuth,
  withRetry,
} from "../../src/index.js";
import { useLoopbackServer } from "../support/loopback-server.js";

const AK = "HPUAEXAMPLEAK0123456";
const SK = "example-secret-key-0123456789";
const TOKEN = "MIIexample-token";

function refusal(credentials: unknown): InvalidInputError {
  try {
    resolveCredentials(credentials);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return error as InvalidInputError;
  }
  throw new Error("accepted");
}

describe("the shape of credentials", () => {
  it("refuses two kinds at once, naming them", () => {
    expect(refusal({ ak: AK, sk: SK, token: TOKEN }).message).toBe(
      "credentials: give one kind of credentials, not { ak, sk, securityToken? } and { token } together (a temporary key pair's token goes in securityToken)",
    );
    expect(refusal({ accessKeys: () => ({ ak: AK, sk: SK }), token: TOKEN }).field).toBe("credentials");
    expect(refusal({ ak: AK, sk: SK, accessKeys: () => ({ ak: AK, sk: SK }) }).field).toBe("credentials");
  });

  it("refuses a temporary key pair's token under another SDK's name, by name", () => {
    const error = refusal({ ak: AK, sk: SK, sessionToken: TOKEN });
    expect(error.field).toBe("credentials.sessionToken");
    expect(error.message).toBe("credentials.sessionToken: is not read: a temporary key pair's token goes in securityToken");
    expect(refusal({ ak: AK, sk: SK, security_token: TOKEN }).field).toBe("credentials.security_token");
    for (const error of [refusal({ ak: AK, sk: SK, token: TOKEN }), refusal({ ak: AK, sk: SK, sessionToken: TOKEN })]) {
      expect(error.message).not.toContain(SK);
      expect(error.message).not.toContain(TOKEN);
    }
  });

  it("takes credentials with other fields of their own: another SDK's credentials object, a class with getters", () => {
    // Like the official SDK's BasicCredentials: ak and sk among fields fgkit does not use.
    const official = { ak: AK, sk: SK, projectId: "p", iamEndpoint: "https://iam.example", region: "cn-north-4" };
    expect(resolveCredentials(official).kind).toBe("accessKey");
    class KeysFromVault {
      #ak = AK;
      #sk = SK;
      cachedAt = Date.now();
      get ak() {
        return this.#ak;
      }
      get sk() {
        return this.#sk;
      }
    }
    expect(resolveCredentials(new KeysFromVault()).kind).toBe("accessKey");
    class Provider {
      cache = new Map();
      accessKeys = () => ({ ak: AK, sk: SK });
    }
    expect(resolveCredentials(new Provider()).kind).toBe("accessKeyProvider");
  });

  it("refuses credentials with none of fgkit's fields by what it takes, naming another SDK's key fields", () => {
    const shape = "credentials: must be { ak, sk, securityToken? }, { accessKeys }, { token } or a token provider function";
    expect(refusal({}).message).toBe(shape);
    expect(refusal({ accessKeyId: AK, secretAccessKey: SK }).message).toBe(
      `${shape}: the key pair goes in ak and sk, not accessKeyId and secretAccessKey`,
    );
    expect(refusal({ AK, SK }).message).toBe(`${shape}: the key pair goes in ak and sk, not AK and SK`);
    expect(refusal({ accessKeyId: AK, secretAccessKey: SK }).message).not.toContain(SK);
  });

  it("refuses an SK with whitespace around it (a newline kept from a file), without showing it", () => {
    const error = refusal({ ak: AK, sk: `${SK}\n` });
    expect(error.message).toBe("credentials.sk: must not start or end with whitespace");
    expect(refusal({ ak: AK, sk: ` ${SK}` }).field).toBe("credentials.sk");
  });

  it("refuses an AK with a comma (a credentials.csv line pasted whole), without showing the SK", () => {
    const error = refusal({ ak: `alice,${AK},${SK}`, sk: SK });
    expect(error.message).toBe(
      "credentials.ak: contains a comma: give the access key id alone (a line of credentials.csv holds the user name, the AK and the SK)",
    );
    expect(error.message).not.toContain(SK);
    expect(refusal({ ak: `${AK},${SK}`, sk: SK }).field).toBe("credentials.ak");
  });

  it("refuses such an SK from a provider too, before sending", async () => {
    let sent = 0;
    const send = withAuth(
      async () => {
        sent++;
        return new Response("{}");
      },
      resolveCredentials({ accessKeys: () => ({ ak: AK, sk: `${SK}\r\n` }) }),
    );
    await expect(send(new Request("https://functiongraph.example/v2/p/fgs/functions"))).rejects.toMatchObject({
      name: "InvalidInputError",
      message: "credentials.accessKeys().sk: must not start or end with whitespace",
    });
    expect(sent).toBe(0);
  });

  it("refuses an access key provider given alone (it would be called for a token), naming where it goes", () => {
    const accessKeys = createAccessKeyProvider({
      fetchKeys: async () => ({ ak: AK, sk: SK, expiresAt: new Date(Date.now() + 3_600_000) }),
    });
    expect(refusal(accessKeys)).toMatchObject({
      field: "credentials",
      message:
        "credentials: is an access key provider (createAccessKeyProvider): give it as { accessKeys: provider }; a function alone is taken as a token provider",
    });
    expect(resolveCredentials({ accessKeys }).kind).toBe("accessKeyProvider");
  });

  it("takes each kind, with expiresAt from fetchIamToken or fetchEcsAccessKeys alongside", () => {
    const expiresAt = new Date(Date.now() + 3_600_000);
    expect(resolveCredentials({ ak: AK, sk: SK }).kind).toBe("accessKey");
    expect(resolveCredentials({ ak: AK, sk: SK, securityToken: TOKEN, expiresAt }).kind).toBe("accessKey");
    expect(resolveCredentials({ accessKeys: () => ({ ak: AK, sk: SK }) }).kind).toBe("accessKeyProvider");
    expect(resolveCredentials({ token: TOKEN, expiresAt }).kind).toBe("token");
    expect(resolveCredentials(() => TOKEN).kind).toBe("token");
  });

  it("is refused by the compiler when an object literal mixes kinds", () => {
    // @ts-expect-error a token next to access keys
    const mixed: Credentials = { ak: AK, sk: SK, token: TOKEN };
    // @ts-expect-error a provider next to access keys
    const both: Credentials = { ak: AK, sk: SK, accessKeys: () => ({ ak: AK, sk: SK }) };
    const fine: Credentials[] = [
      { ak: AK, sk: SK, securityToken: TOKEN },
      { token: TOKEN },
      { accessKeys: () => ({ ak: AK, sk: SK }) },
    ];
    expect([mixed, both, fine].length).toBe(3);
  });
});

describe("a token provider's bad token", () => {
  let served = 0;
  const server = useLoopbackServer((_req, res) => {
    served++;
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  for (const [label, transport] of [
    ["the direct path", defaultFetch],
    ["a fetch transport", (request: Request) => fetch(request)],
  ] as const)
    for (const token of ["   ", "tok\r\nX-Evil: 1", "tok\u0000en"])
      it(`is refused over ${label} before anything is sent (${JSON.stringify(token)})`, async () => {
        served = 0;
        const send = withRetry(withAuth(transport, resolveCredentials({ token: async () => token })));
        const error = await send(new Request(`${server.url()}/v2/p/fgs/functions`)).catch((e: unknown) => e);
        expect(error).toMatchObject({ name: "InvalidInputError", field: "credentials.token" });
        expect(served).toBe(0);
      });
});
