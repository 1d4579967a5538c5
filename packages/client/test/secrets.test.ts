// The secret key, the security token, IAM tokens and the IAM password must never leave the SDK: not
// in an error (message, fields, cause chain, util.inspect with hidden properties), not in the client
// object, not in console or process output, whatever fails: a 401, the network, or bad input.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { createAccessKeyProvider, createTokenProvider, fetchIamToken, type IamPasswordAuth } from "@fgkit/helpers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFunctionGraphClient, type FunctionGraphClientOptions, FunctionGraphError, unwrap } from "../src/index.js";
import { PROJECT, URN } from "./helpers.js";

const AK = "HPUAPROBEACCESSKEY01";
const SK = "Sk0Probe7f3c9a1e5b2d4086SecretKeyValue";
const SECURITY_TOKEN = "StProbe9d8c7b6a5f4e3d2c1b0aSecurityTokenValue";
const TOKEN = "TkProbeMIIB9x8y7z6w5v4u3IamTokenValue";
const PASSWORD = "PwProbe-Hunter2-3e5f7a9c!SecretPassword";
const SECRETS = { SK, SECURITY_TOKEN, TOKEN, PASSWORD };

/** The forms a secret could appear in: as is, truncated (its first 16 characters), Base64, percent-encoded, JSON-escaped. */
const FORMS = Object.entries(SECRETS).flatMap(([name, secret]) => [
  [name, secret],
  [`${name} (prefix)`, secret.slice(0, 16)],
  [`${name} (base64)`, Buffer.from(secret).toString("base64")],
  [`${name} (percent-encoded)`, encodeURIComponent(secret)],
  [`${name} (JSON)`, JSON.stringify(secret).slice(1, -1)],
]);

/** Every string reachable from a value: own properties (hidden and symbol-keyed too), getters, causes, Headers, Maps. */
function reachableText(root: unknown): string {
  const parts: string[] = [];
  const seen = new WeakSet<object>();
  const visit = (value: unknown, depth: number): void => {
    if (value === null || value === undefined || depth > 20) return;
    if (typeof value !== "object" && typeof value !== "function") {
      parts.push(String(value));
      return;
    }
    if (seen.has(value)) return;
    seen.add(value);
    if (value instanceof Headers) for (const [name, v] of value) parts.push(name, v);
    if (value instanceof Request || value instanceof Response) {
      parts.push(value.url);
      for (const [name, v] of value.headers) parts.push(name, v);
    }
    if (value instanceof Map)
      for (const [k, v] of value) {
        visit(k, depth + 1);
        visit(v, depth + 1);
      }
    if (value instanceof Set) for (const v of value) visit(v, depth + 1);
    for (const key of Reflect.ownKeys(value)) {
      parts.push(String(key));
      const descriptor = Object.getOwnPropertyDescriptor(value, key);
      if (!descriptor) continue;
      if ("value" in descriptor) visit(descriptor.value, depth + 1);
      else if (descriptor.get)
        try {
          visit(descriptor.get.call(value), depth + 1);
        } catch {
          // A getter that throws shows nothing.
        }
    }
  };
  visit(root, 0);
  return parts.join("\n");
}

/** The ways a value gets printed or logged. */
function renderings(value: unknown): Record<string, string> {
  const out: Record<string, string> = {
    "util.inspect": inspect(value, { showHidden: true, depth: Number.POSITIVE_INFINITY, getters: true }),
    "reachable properties": reachableText(value),
  };
  try {
    out["JSON.stringify"] = JSON.stringify(value) ?? "";
  } catch (error) {
    out["JSON.stringify"] = String(error);
  }
  try {
    out.String = String(value);
  } catch {
    out.String = "";
  }
  if (value instanceof Error) {
    out.stack = value.stack ?? "";
    for (let cause: unknown = value.cause, i = 0; cause !== undefined && i < 10; cause = (cause as Error).cause, i++)
      out[`cause ${i}`] = inspect(cause, { showHidden: true, depth: Number.POSITIVE_INFINITY });
  }
  return out;
}

function leaksIn(value: unknown): string[] {
  const found: string[] = [];
  for (const [where, text] of Object.entries(renderings(value)))
    for (const [name, form] of FORMS) if (text.includes(form as string)) found.push(`${name} in ${where}`);
  return found;
}

function expectNoSecret(value: unknown, what: string): void {
  expect(leaksIn(value), `${what} leaks a secret`).toEqual([]);
}

/** Records console.*, process.stdout/stderr writes and process warnings while a test runs. */
function captureOutput() {
  const output: string[] = [];
  const record = (...args: unknown[]) => {
    output.push(args.map((a) => (typeof a === "string" ? a : inspect(a, { showHidden: true, depth: 10 }))).join(" "));
  };
  const write = (chunk: unknown) => {
    record(String(chunk));
    return true;
  };
  const spies = [
    ...(["log", "info", "warn", "error", "debug", "trace", "dir", "table"] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(record),
    ),
    vi.spyOn(process.stdout, "write").mockImplementation(write as never),
    vi.spyOn(process.stderr, "write").mockImplementation(write as never),
    vi.spyOn(process, "emitWarning").mockImplementation(record as never),
  ];
  return {
    output,
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}

let captured: ReturnType<typeof captureOutput>;
beforeEach(() => {
  captured = captureOutput();
});
afterEach(() => {
  captured.restore();
  const leaks = FORMS.filter(([, form]) => captured.output.some((line) => line.includes(form as string))).map(([name]) => name);
  expect(leaks, "console/stdout/stderr output leaks a secret").toEqual([]);
});

const FAST = { retry: { maxAttempts: 2, baseDelayMs: 1, random: () => 0 } } as const;
const APIG_401 = {
  error_code: "APIGW.0301",
  error_msg:
    "Incorrect IAM authentication information: verify aksk signature fail, SignedHeaders: host;x-project-id;x-sdk-date, " +
    "CanonicalRequest: GET|/v2/p/fgs/functions/||host:example|x-project-id:p|x-sdk-date:20250102T030405Z||host;x-project-id;x-sdk-date|e3b0",
  request_id: "rid-401",
};
const answer401 = () => Response.json(APIG_401, { status: 401, headers: { "X-Request-Id": "rid-401" } });

type Creds = FunctionGraphClientOptions["credentials"];
const CREDENTIALS: [string, () => Creds][] = [
  ["AK/SK with a security token", () => ({ ak: AK, sk: SK, securityToken: SECURITY_TOKEN })],
  // The pair swapped, a common slip: the SK goes out as the signature's access key id.
  ["AK/SK swapped (the SK given as ak)", () => ({ ak: SK, sk: AK })],
  ["an IAM token", () => ({ token: TOKEN })],
  ["a token provider", () => async () => TOKEN],
  [
    "a caching access key provider",
    () => ({
      accessKeys: createAccessKeyProvider({
        fetchKeys: async () => ({ ak: AK, sk: SK, securityToken: SECURITY_TOKEN, expiresAt: new Date(Date.now() + 3_600_000) }),
      }),
    }),
  ],
];

function observedOptions(credentials: Creds, respond: (request: Request) => Response | Promise<Response>) {
  const sent: Request[] = [];
  const options: FunctionGraphClientOptions = {
    region: "cn-north-4",
    projectId: PROJECT,
    credentials,
    headers: { "X-Custom": "1" },
    fetch: async (request) => {
      sent.push(request.clone());
      return respond(request);
    },
    ...FAST,
  };
  return { options, sent };
}

function observedClient(credentials: Creds, respond: (request: Request) => Response | Promise<Response>) {
  const { options, sent } = observedOptions(credentials, respond);
  return { client: createFunctionGraphClient(options), options, sent };
}

/** A loopback port with nothing listening: connections are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("the leak detector", () => {
  it("finds a secret hidden in every way the checks look at", () => {
    const hidden = new Error("boom");
    Object.defineProperty(hidden, "secret", { value: SK, enumerable: false });
    expect(leaksIn(hidden)).toContain("SK in reachable properties");
    expect(leaksIn(hidden)).toContain("SK in util.inspect");
    expect(leaksIn({ [Symbol("s")]: { deep: [[{ headers: new Headers({ "x-auth-token": TOKEN }) }]] } })).toContain(
      "TOKEN in reachable properties",
    );
    expect(leaksIn(new Error("x", { cause: new Error(`password ${PASSWORD.slice(0, 20)}`) }))).toContain(
      "PASSWORD (prefix) in cause 0",
    );
    expect(leaksIn({ auth: Buffer.from(SECURITY_TOKEN).toString("base64") })).toContain(
      "SECURITY_TOKEN (base64) in JSON.stringify",
    );
    expect(leaksIn(new Request("https://x.example/", { headers: { "X-Auth-Token": TOKEN } }))).toContain(
      "TOKEN in reachable properties",
    );
    expect(
      leaksIn(new FunctionGraphError("x", { status: 0, request: { method: "GET", url: "https://x/", headers: {} } })),
    ).toEqual([]);
  });

  it("sees console and process output", () => {
    // biome-ignore lint/suspicious/noConsole: checking that the spy captures console output
    console.error("probe", { nested: { value: 42 } });
    process.stderr.write("stderr probe\n");
    process.emitWarning("warning probe");
    expect(captured.output.join("\n")).toMatch(/probe[\s\S]*42[\s\S]*stderr probe[\s\S]*warning probe/);
  });
});

describe("client errors never carry a secret", () => {
  it.each(CREDENTIALS)("a 401 answer with %s: the result, the unwrapped error and its request", async (_, credentials) => {
    const { client, sent } = observedClient(credentials(), answer401);
    const result = await client.GET("/v2/{project_id}/fgs/functions");
    expect(result.response.status).toBe(401);
    expectNoSecret(result, "the { data, error, response } result");

    const error = await unwrap(client.GET("/v2/{project_id}/fgs/functions")).catch((e: unknown) => e);
    expect(FunctionGraphError.isInstance(error)).toBe(true);
    const fgError = error as FunctionGraphError;
    expect(fgError).toMatchObject({ status: 401, code: "APIGW.0301", requestId: "rid-401" });
    // The request is described (so the check is not vacuous), with its secrets redacted.
    expect(fgError.request?.headers["x-project-id"]).toBe(PROJECT);
    const described = fgError.request?.headers ?? {};
    if (sent[0]?.headers.has("x-auth-token")) expect(described["x-auth-token"]).toBe("[REDACTED]");
    // With AK/SK the described request is the one before signing; should it carry the signed headers, they are redacted.
    if ("authorization" in described) expect(described.authorization).toMatch(/Signature=\[REDACTED\]$/);
    if ("x-security-token" in described) expect(described["x-security-token"]).toBe("[REDACTED]");
    expectNoSecret(fgError, "the FunctionGraphError");
    for (const field of Reflect.ownKeys(fgError))
      expectNoSecret((fgError as unknown as Record<PropertyKey, unknown>)[field], `error.${String(field)}`);
    expectNoSecret(fgError.message, "error.message");
    expectNoSecret(fgError.request, "error.request");
  });

  it.each(CREDENTIALS)("a refused connection with %s (real fetch, retried once)", async (_, credentials) => {
    const port = await closedPort();
    const client = createFunctionGraphClient({
      endpoint: `http://127.0.0.1:${port}`,
      projectId: PROJECT,
      credentials: credentials(),
      ...FAST,
    });
    const error = await client
      .GET("/v2/{project_id}/fgs/functions/{function_urn}/config", { params: { path: { function_urn: URN } } })
      .catch((e: unknown) => e);
    expect(FunctionGraphError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 0, code: "NetworkError", attempts: 2 });
    expect((error as FunctionGraphError).cause).toBeDefined();
    expectNoSecret(error, "the network error");
  });

  it.each(CREDENTIALS)("a transport that throws with %s", async (_, credentials) => {
    const { client, sent } = observedClient(credentials(), () => {
      throw Object.assign(new TypeError("fetch failed"), {
        cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
      });
    });
    const error = await client
      .POST("/v2/{project_id}/fgs/functions/{function_urn}/invocations", {
        params: { path: { function_urn: URN } },
        body: { hello: "world" },
      })
      .catch((e: unknown) => e);
    expect(sent).toHaveLength(1);
    expect(error).toMatchObject({ status: 0, code: "NetworkError" });
    expectNoSecret(error, "the network error");
  });
});

describe("answers that quote the request never bring a secret into an error", () => {
  /** The request's secret headers, as an echo service or a debugging proxy would spell them back. */
  const echoOf = (request: Request) => {
    const quoted = [...request.headers].filter(([name]) => /authorization|token/i.test(name)).map(([, value]) => value);
    const text = quoted.join(" | ");
    return { text, base64: Buffer.from(text).toString("base64"), short: quoted.map((value) => value.slice(0, 20)).join(" ") };
  };
  it.each(CREDENTIALS)("a 200 page that is not JSON, with %s (InvalidResponseBody)", async (_, credentials) => {
    const { client } = observedClient(credentials(), (request) => {
      const echo = echoOf(request);
      return new Response(`<html>${echo.text}<br>${echo.base64}<br>${echo.short}...</html>`, {
        headers: { "content-type": "text/html", "x-echo": echo.base64 },
      });
    });
    const error = await client.GET("/v2/{project_id}/fgs/functions").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "InvalidResponseBody" });
    expectNoSecret(error, "the InvalidResponseBody error");
  });

  it.each(CREDENTIALS)("a 401 that echoes them in Base64 and cut short, with %s", async (_, credentials) => {
    const { client } = observedClient(credentials(), (request) => {
      const echo = echoOf(request);
      return Response.json(
        { error_code: "APIGW.0301", error_msg: `refused ${echo.short}... (${echo.base64})` },
        {
          status: 401,
          statusText: `refused ${echo.short}`,
          headers: { "x-echo": echo.base64 },
        },
      );
    });
    const result = await client.GET("/v2/{project_id}/fgs/functions");
    expect(result.response.status).toBe(401);
    expectNoSecret(result, "the { data, error, response } result");
    expectNoSecret(await unwrap(client.GET("/v2/{project_id}/fgs/functions")).catch((e: unknown) => e), "the error");
  });

  it.each(CREDENTIALS)("a transport error that holds the Request, with %s", async (_, credentials) => {
    const { client } = observedClient(credentials(), (request) => {
      throw Object.assign(new TypeError("fetch failed"), { request, options: { headers: Object.fromEntries(request.headers) } });
    });
    const error = await client.GET("/v2/{project_id}/fgs/functions").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "NetworkError" });
    expectNoSecret(error, "the network error");
  });
});

describe("invalid input never echoes a secret", () => {
  const create = (credentials: unknown) => () =>
    createFunctionGraphClient({ region: "cn-north-4", projectId: PROJECT, credentials: credentials as Creds });

  it.each([
    ["a token with CR/LF", { token: `${TOKEN}\r\nX-Injected: 1` }, "credentials.token"],
    ["a token with a NUL", { token: `${TOKEN}\0` }, "credentials.token"],
    ["a token with a non-Latin-1 character", { token: `${TOKEN}一` }, "credentials.token"],
    ["a security token with LF", { ak: AK, sk: SK, securityToken: `${SECURITY_TOKEN}\n` }, "credentials.securityToken"],
    ["an AK with a space, next to the SK", { ak: "AK WITH SPACE", sk: SK }, "credentials.ak"],
    ["an SK that is not a string", { ak: AK, sk: { value: SK } }, "credentials.sk"],
  ])("refuses %s at creation", (_, credentials, field) => {
    const error = (() => {
      try {
        create(credentials)();
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toMatchObject({ name: "InvalidInputError", field });
    expectNoSecret(error, "the InvalidInputError");
  });

  it("refuses a token provider's token with CR/LF, sends nothing, and does not echo it", async () => {
    const { client, sent } = observedClient(
      async () => `${TOKEN}\r\nX-Injected: 1`,
      () => Response.json({}),
    );
    const error = await client.GET("/v2/{project_id}/fgs/functions").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toContain("credentials.token");
    expect(sent).toHaveLength(0);
    expectNoSecret(error, "the error");
  });

  it.each(CREDENTIALS)("refuses CR/LF in a header of a call made with %s without echoing a secret", async (_, credentials) => {
    const { client, sent } = observedClient(credentials(), () => Response.json({}));
    const error = await client
      .GET("/v2/{project_id}/fgs/functions", { headers: { "X-Custom": `${TOKEN}\r\n` } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "InvalidInputError", field: "headers.X-Custom" });
    expect(sent).toHaveLength(0);
    expectNoSecret(error, "the InvalidInputError");
  });
});

describe("the client object", () => {
  it.each(CREDENTIALS)("holds no printable secret, and leaves its options unchanged, with %s", async (_, credentials) => {
    const { options } = observedOptions(credentials(), answer401);
    const before = inspect(options, { showHidden: true, depth: Number.POSITIVE_INFINITY });
    const credentialsBefore = options.credentials;
    const keysBefore = typeof credentialsBefore === "object" ? Object.keys(credentialsBefore).sort() : [];
    const client = createFunctionGraphClient(options);
    for (const value of [client, client.withOptions({ retry: { maxAttempts: 1 } })]) {
      expectNoSecret(value, "the client");
      expect(JSON.stringify(value)).not.toMatch(/Sk0Probe|StProbe|TkProbe/);
    }
    await client.GET("/v2/{project_id}/fgs/functions");
    await unwrap(client.GET("/v2/{project_id}/fgs/functions")).catch(() => undefined);
    expectNoSecret(client, "the client after failed calls");
    expect(inspect(options, { showHidden: true, depth: Number.POSITIVE_INFINITY })).toBe(before);
    expect(options.credentials).toBe(credentialsBefore);
    if (typeof credentialsBefore === "object" && "sk" in credentialsBefore)
      expect(Object.keys(credentialsBefore).sort()).toEqual(keysBefore);
  });
});

describe("fetchIamToken never carries the password into an error", () => {
  const auth = (fetch: IamPasswordAuth["fetch"], more: Partial<IamPasswordAuth> = {}): IamPasswordAuth => ({
    region: "cn-north-4",
    username: "probe-user",
    password: PASSWORD,
    domainName: "probe-domain",
    projectName: "cn-north-4",
    fetch,
    ...more,
  });
  const iamAnswer =
    (status: number, body: unknown, headers: Record<string, string> = {}) =>
    async () =>
      new Response(typeof body === "string" ? body : JSON.stringify(body), {
        status,
        headers: { "content-type": "application/json", ...headers },
      });

  it.each([
    [
      "401 wrong password",
      iamAnswer(401, { error: { code: 401, message: "The username or password is wrong.", title: "Unauthorized" } }),
    ],
    ["400 JSON without details", iamAnswer(400, { error_code: "IAM.0001", error_msg: "Bad request" })],
    ["502 HTML from a proxy", iamAnswer(502, "<html><body>Bad Gateway</body></html>", { "content-type": "text/html" })],
    ["500 empty body", iamAnswer(500, "")],
  ])("a %s", async (_, fetch) => {
    const error = await fetchIamToken(auth(fetch)).catch((e: unknown) => e);
    expect(FunctionGraphError.isInstance(error)).toBe(true);
    expect((error as FunctionGraphError).request?.url).toBe("https://iam.cn-north-4.myhuaweicloud.com/v3/auth/tokens");
    expectNoSecret(error, "the IAM error");
  });

  it.each([
    ["as raw text", (body: string) => `Request rejected by WAF: ${body}`],
    [
      "inside a JSON error message",
      (body: string) => JSON.stringify({ error: { code: 400, message: `Invalid request body ${body}` } }),
    ],
    ["as the parsed JSON body", (body: string) => body],
    [
      "in JSON with its characters escaped (\\uXXXX, as encoders that keep to ASCII write it)",
      (body: string) =>
        `{"error":{"code":400,"message":"bad body","echo":"${[...body].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")}"}}`,
    ],
  ])("an error answer that echoes the request body %s", async (_, echo) => {
    const error = await fetchIamToken(
      auth(
        async (request) =>
          new Response(echo(await request.text()), { status: 400, headers: { "content-type": "application/json" } }),
      ),
    ).catch((e: unknown) => e);
    expect(FunctionGraphError.isInstance(error)).toBe(true);
    expect((error as FunctionGraphError).status).toBe(400);
    expectNoSecret(error, "the IAM error");
    // The rest of the echo is still there to debug with.
    expect(inspect(error, { depth: Number.POSITIVE_INFINITY })).toContain("probe-user");
  });

  it("a refused connection (real fetch)", async () => {
    const port = await closedPort();
    const error = await fetchIamToken(auth(undefined, { region: undefined, iamEndpoint: `http://127.0.0.1:${port}` })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ status: 0, code: "NetworkError" });
    expectNoSecret(error, "the IAM network error");
  });

  it("a transport that throws", async () => {
    const error = await fetchIamToken(
      auth(async () => {
        throw new TypeError("fetch failed", { cause: Object.assign(new Error("getaddrinfo ENOTFOUND"), { code: "ENOTFOUND" }) });
      }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: "NetworkError" });
    expectNoSecret(error, "the IAM network error");
  });

  it("a success answer without expires_at does not show the token either", async () => {
    const error = await fetchIamToken(auth(iamAnswer(201, { token: {} }, { "X-Subject-Token": TOKEN }))).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "InvalidResponseBody" });
    expectNoSecret(error, "the IAM error");
  });

  it("a client whose token provider fails at IAM", async () => {
    const getToken = createTokenProvider({
      fetchToken: () =>
        fetchIamToken(auth(iamAnswer(401, { error: { code: 401, message: "The username or password is wrong." } }))),
    });
    const { client, sent } = observedClient(getToken, () => Response.json({}));
    const error = await client.GET("/v2/{project_id}/fgs/functions").catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 401 });
    expect(sent).toHaveLength(0);
    expectNoSecret(error, "the error");
    expectNoSecret(client, "the client");
  });
});

describe("a cookie an answer sets never shows in the error for that answer", () => {
  const COOKIE = "PROXYSESSION=CkProbe4e1f0c9b8a7SessionCookieValue";
  const ANSWERS: [string, number, string, string][] = [
    ["a 200 HTML login page (a proxy's)", 200, "text/html", "<html><body>Sign in</body></html>"],
    ["a 200 answer that is not valid JSON", 200, "application/json", '{"functions": ['],
    ["a 200 answer over maxResponseBytes", 200, "application/json", JSON.stringify({ functions: "x".repeat(2048) })],
    ["a 502 error answer", 502, "text/html", "<html>Bad Gateway</html>"],
  ];

  async function errorOver(transport: "fetch" | "Node's pool", status: number, type: string, body: string) {
    const headers = { "content-type": type, "set-cookie": COOKIE, "x-request-id": "rid-cookie" };
    const options = { projectId: PROJECT, credentials: { ak: AK, sk: SK }, maxResponseBytes: 1024, retry: { maxAttempts: 1 } };
    if (transport === "fetch") {
      const client = createFunctionGraphClient({
        ...options,
        region: "cn-north-4",
        fetch: async () => new Response(body, { status, headers }),
      });
      return unwrap(client.GET("/v2/{project_id}/fgs/functions")).catch((e: unknown) => e);
    }
    const server = createServer((_, res) => res.writeHead(status, headers).end(body));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const client = createFunctionGraphClient({ ...options, endpoint });
      return await unwrap(client.GET("/v2/{project_id}/fgs/functions")).catch((e: unknown) => e);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }

  for (const transport of ["fetch", "Node's pool"] as const)
    it.each(ANSWERS)(`over ${transport}: %s`, async (_, status, type, body) => {
      const error = await errorOver(transport, status, type, body);
      expect(FunctionGraphError.isInstance(error)).toBe(true);
      expect((error as FunctionGraphError).requestId).toBe("rid-cookie");
      expect((error as FunctionGraphError).response?.headers["set-cookie"]).toBe("[REDACTED]");
      for (const [where, text] of Object.entries(renderings(error))) expect(text, where).not.toContain("CkProbe4e1f0c9b8a7");
    });
});
