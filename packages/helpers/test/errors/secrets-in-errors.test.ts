// Secrets stay out of errors wherever a failure could quote them: a transport's message that quotes
// the request, an answer that echoes a password or a session token in an escaped form, a URL or a
// header the caller built, a URL parser's error, and a signature printed to debug a mismatch.
import { inspect } from "node:util";
import { getGlobalDispatcher, MockAgent, setGlobalDispatcher } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  computeSignature,
  defaultFetch,
  type FetchLike,
  FunctionGraphError,
  fetchEcsAccessKeys,
  fetchIamToken,
  InvalidInputError,
  isSecretHeader,
  redactHeaders,
  resolveCredentials,
  withAuth,
  withRetry,
} from "../../src/index.js";
import { isFinalError } from "../../src/retry/classify.js";
import { parseEndpoint } from "../../src/transport/endpoint.js";
import { useLoopbackServer } from "../support/loopback-server.js";

const TOKEN = "MIIYtokenSECRETvalue0123456789";
const STS = "stsSECRETsecurityTOKEN0123456789";
const SK = "skSECRETkey0123456789";
const PASSWORD = `PW!secret/pass<&>"'word PW`;

/** Every way an error could be shown: its message and a deep inspection (causes, hidden fields). */
const shown = (error: unknown) =>
  `${(error as Error).message}\n${inspect(error, { depth: null, showHidden: true })}\n${JSON.stringify(error)}`;

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );

describe("a transport error that quotes the request (undici's MockAgent quotes every header)", () => {
  let mock: MockAgent;
  const before = getGlobalDispatcher();
  beforeAll(() => {
    mock = new MockAgent();
    mock.disableNetConnect();
    // Matches nothing fgkit sends, so the agent fails each call, quoting its headers.
    mock
      .get("https://fg.example.com")
      .intercept({ path: "/v2/p/fgs/functions", headers: { "x-never": "sent" } })
      .reply(200, "{}")
      .persist();
    setGlobalDispatcher(mock);
  });
  afterAll(async () => {
    setGlobalDispatcher(before);
    await mock.close();
  });

  const transports: Record<string, FetchLike> = {
    "the direct path": defaultFetch,
    "a fetch transport": (request) => fetch(request),
  };
  const credentials = {
    "a token": { token: TOKEN },
    "temporary keys": { ak: "AKEXAMPLE", sk: SK, securityToken: STS },
  };
  for (const [transportLabel, transport] of Object.entries(transports))
    for (const [credentialsLabel, given] of Object.entries(credentials))
      it(`fails without quoting the secrets of ${credentialsLabel} over ${transportLabel}`, async () => {
        const send = withRetry(withAuth(transport, resolveCredentials(given)), { maxAttempts: 1 });
        const error = await failureOf(send(new Request("https://fg.example.com/v2/p/fgs/functions")));
        expect(error).toBeInstanceOf(FunctionGraphError);
        expect(error).toMatchObject({ code: "NetworkError" });
        // The mock's own words are still there, the secrets not.
        expect((error as Error).message).toMatch(/Mock dispatch not matched/);
        const text = shown(error);
        for (const secret of [TOKEN, STS, SK]) expect(text).not.toContain(secret);
        expect(text).not.toMatch(/Signature=[0-9a-f]{64}/);
      });
});

/** A server that answers every request with an error page echoing `echo(request body, headers)`. */
let echo: (body: string, headers: Record<string, string | string[] | undefined>) => { type: string; body: string } = () => ({
  type: "text/plain",
  body: "",
});
const server = useLoopbackServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    if (req.method === "PUT") return res.writeHead(200, { "content-type": "text/plain" }).end("METADATAsessionTOKEN0123456789");
    const answer = echo(Buffer.concat(chunks).toString("utf8"), req.headers);
    res.writeHead(401, { "content-type": answer.type }).end(answer.body);
  });
});

describe("an answer that echoes the IAM password", () => {
  const html = PASSWORD.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
  const forms: Record<string, { type: string; body: string }> = {
    "as is": { type: "text/plain", body: `bad password ${PASSWORD}` },
    "HTML-escaped": { type: "text/html", body: `<p>bad password ${html}</p>` },
    "JSON-escaped with \\/": { type: "text/plain", body: `{"p":${JSON.stringify(PASSWORD).replaceAll("/", "\\/")}` },
    "\\u-escaped": {
      type: "text/plain",
      body: PASSWORD.replace(/[^A-Za-z0-9 ]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`),
    },
    "form-encoded": { type: "application/x-www-form-urlencoded", body: new URLSearchParams({ password: PASSWORD }).toString() },
    "in JSON, \\u-escaped": {
      type: "application/json",
      body: `{"error_msg":"${PASSWORD.replace(/[^A-Za-z0-9 ]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}"}`,
    },
  };
  for (const [label, answer] of Object.entries(forms))
    it(`is cut out when the echo is ${label}`, async () => {
      echo = () => answer;
      const error = await failureOf(
        fetchIamToken({ iamEndpoint: server.url(), username: "user", password: PASSWORD, domainName: "domain", projectId: "p" }),
      );
      expect(error).toMatchObject({ status: 401 });
      expect(shown(error)).toContain("[REDACTED]");
      for (const part of [PASSWORD, html, "secret/pass", "secret%2Fpass", "secret\\/pass", "\\u0021secret"])
        expect(shown(error)).not.toContain(part);
    });
});

describe("an answer of the ECS metadata service that echoes its session token", () => {
  it("is cut out", async () => {
    echo = (_body, headers) => ({ type: "text/plain", body: `refused token ${String(headers["x-metadata-token"])}` });
    const error = await failureOf(fetchEcsAccessKeys({ endpoint: server.url() }));
    expect(error).toMatchObject({ status: 401 });
    expect(shown(error)).toContain("refused token [REDACTED]");
    expect(shown(error)).not.toContain("METADATAsessionTOKEN");
  });
});

describe("a FunctionGraphError given plain request and response details", () => {
  it("redacts a secret query and secret headers in both", () => {
    const error = new FunctionGraphError("failed", {
      status: 401,
      request: { method: "GET", url: `https://fg.example.com/v2/p?token=${TOKEN}`, headers: { "X-Auth-Token": TOKEN } },
      response: { status: 401, headers: { "x-subject-token": TOKEN, "set-cookie": `s=${TOKEN}` }, data: undefined },
    });
    expect(error.request?.url).toBe("https://fg.example.com/v2/p?token=[REDACTED]");
    expect(error.response?.headers).toEqual({ "x-subject-token": "[REDACTED]", "set-cookie": "[REDACTED]" });
    expect(shown(error)).not.toContain(TOKEN);
  });

  it("redacts a secret query in a Request's URL", () => {
    const error = new FunctionGraphError("failed", {
      status: 500,
      request: new Request(`https://fg.example.com/v2/p?token=${TOKEN}`),
    });
    expect(error.request?.url).toBe("https://fg.example.com/v2/p?token=[REDACTED]");
    expect(shown(error)).not.toContain(TOKEN);
  });

  it("knows a secret header by its name in any case", () => {
    for (const name of ["X-Auth-Token", "x-security-token", "AUTHORIZATION", "Cookie", "Set-Cookie", "X-Subject-Token"])
      expect(isSecretHeader(name), name).toBe(true);
    expect(isSecretHeader("X-Request-Id")).toBe(false);
  });

  it("redacts a request's Cookie and Proxy-Authorization, whatever their case", () => {
    const error = new FunctionGraphError("failed", {
      status: 403,
      request: { method: "GET", url: "https://fg.example.com/", headers: { Cookie: `s=${TOKEN}`, "PROXY-AUTHORIZATION": TOKEN } },
    });
    expect(error.request?.headers).toEqual({ cookie: "[REDACTED]", "proxy-authorization": "[REDACTED]" });
    expect(shown(error)).not.toContain(TOKEN);
  });
});

describe("redactHeaders on an Authorization of any form", () => {
  it("keeps the scheme (and fgkit's access key id and signed header names) and nothing secret", () => {
    const cases: [string, string][] = [
      [
        "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature= abc123",
        "SDK-HMAC-SHA256 Access=AK1, SignedHeaders=host;x-sdk-date, Signature=[REDACTED]",
      ],
      [`Bearer  ${TOKEN}`, "Bearer [REDACTED]"],
      [`Basic\t${TOKEN}`, "Basic [REDACTED]"],
      [`Token ${TOKEN}`, "Token [REDACTED]"],
      [`Digest username="u", response="${TOKEN}"`, "Digest [REDACTED]"],
      [TOKEN, "[REDACTED]"],
    ];
    for (const [value, expected] of cases) expect(redactHeaders({ Authorization: value }).authorization).toBe(expected);
  });
});

describe("an endpoint that does not parse", () => {
  it("is refused without the parser's error, which quotes the password in it", () => {
    let error: unknown;
    try {
      parseEndpoint("endpoint", `https://user:${PASSWORD.replace(/\W/g, "")}@bad host/`);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(shown(error)).not.toContain(PASSWORD.replace(/\W/g, ""));
  });
});

describe("a signature printed to debug a mismatch", () => {
  it("shows the security token as [REDACTED], while its fields hold the real values", async () => {
    const signature = await computeSignature(
      { method: "GET", url: new URL("https://fg.example.com/v2/p"), headers: [] },
      { ak: "AKEXAMPLE", sk: SK, securityToken: STS },
    );
    expect(signature.headers["X-Security-Token"]).toBe(STS);
    expect(signature.canonicalRequest).toContain(`x-security-token:${STS}`);
    for (const text of [inspect(signature, { depth: null }), JSON.stringify(signature)]) {
      expect(text).not.toContain(STS);
      expect(text).toContain("x-security-token:[REDACTED]");
    }
  });
});

describe("an InvalidInputError from another copy of the package (ESM beside CommonJS)", () => {
  it("is still a final error, not retried as a network failure", () => {
    class OtherCopyInvalidInputError extends TypeError {
      get [Symbol.for("fgkit.InvalidInputError")](): true {
        return true;
      }
    }
    expect(isFinalError(new OtherCopyInvalidInputError("token: bad"))).toBe(true);
  });
});

describe("a credentials service's transport error that quotes the request", () => {
  let mock: MockAgent;
  const before = getGlobalDispatcher();
  const PASSWORD_QUOTED = "S3cret-Passw0rd-QUOTED";
  const SESSION = "METADATAsessionTOKENquoted0123";
  beforeAll(() => {
    mock = new MockAgent();
    mock.disableNetConnect();
    // IAM: nothing matches, so the agent fails quoting the body (the password in it).
    mock
      .get("https://iam.example.com")
      .intercept({ path: "/v3/auth/tokens", method: "POST", body: "never sent" })
      .reply(200, "{}");
    // ECS: the session token is given, then the keys request matches nothing and is quoted, headers and all.
    const ecs = mock.get("http://169.254.169.254");
    ecs.intercept({ path: "/meta-data/latest/api/token", method: "PUT" }).reply(200, SESSION).persist();
    ecs.intercept({ path: "/openstack/latest/securitykey", method: "GET", headers: { "x-never": "sent" } }).reply(200, "{}");
    setGlobalDispatcher(mock);
  });
  afterAll(async () => {
    setGlobalDispatcher(before);
    await mock.close();
  });

  it("fetchIamToken's error shows no password, in its message or its causes", async () => {
    const error = await failureOf(
      fetchIamToken({
        iamEndpoint: "https://iam.example.com",
        username: "u",
        password: PASSWORD_QUOTED,
        domainName: "d",
        projectId: "p",
      }),
    );
    expect(error).toMatchObject({ code: "NetworkError" });
    expect(shown(error)).toMatch(/Mock dispatch not matched/);
    expect(shown(error)).not.toContain(PASSWORD_QUOTED);
  });

  it("fetchEcsAccessKeys's error shows no session token", async () => {
    const error = await failureOf(fetchEcsAccessKeys());
    expect(error).toMatchObject({ code: "NetworkError" });
    expect(shown(error)).toMatch(/Mock dispatch not matched/);
    expect(shown(error)).not.toContain(SESSION);
  });
});

describe("FunctionGraphError given details built by hand", () => {
  it("takes a request without headers, a URL of null, and no options at all", () => {
    const error = new FunctionGraphError("failed", { status: 0, request: { method: "GET", url: null } as never });
    expect(error.request).toEqual({ method: "GET", url: null, headers: {} });
    expect(new FunctionGraphError("failed", null as never)).toMatchObject({ status: 0, attempts: 1 });
  });

  it("keeps the method and URL of a Request from another fetch implementation (undici's own package)", async () => {
    const { Request: OtherRequest } = await import("undici");
    const other = new OtherRequest(`https://fg.example.com/v2/p?token=${TOKEN}`, {
      method: "PUT",
      headers: { "X-Auth-Token": TOKEN },
    });
    const error = new FunctionGraphError("failed", { status: 0, request: other as unknown as Request });
    expect(error.request).toEqual({
      method: "PUT",
      url: "https://fg.example.com/v2/p?token=[REDACTED]",
      headers: { "x-auth-token": "[REDACTED]" },
    });
  });

  it("redacts a request URL given as a URL object, and takes a response without headers", () => {
    const error = new FunctionGraphError("failed", {
      status: 500,
      request: { method: "GET", url: new URL(`https://fg.example.com/x?token=${TOKEN}`) as unknown as string, headers: {} },
      response: { status: 500 } as never,
    });
    expect(error.request?.url).toBe("https://fg.example.com/x?token=[REDACTED]");
    expect(error.response).toMatchObject({ status: 500 });
  });
});

describe("a transport that rejects with a string quoting the request", () => {
  it("leaves the secret out of the error's cause too", async () => {
    const transport: FetchLike = (request) => Promise.reject(`refused: x-auth-token=${request.headers.get("x-auth-token")}`);
    const send = withRetry(withAuth(transport, resolveCredentials({ token: TOKEN })), { maxAttempts: 1 });
    const error = await failureOf(send(new Request("https://fg.example.com/v2/p/fgs/functions")));
    expect(error).toMatchObject({ code: "NetworkError" });
    expect(shown(error)).toContain("[REDACTED]");
    expect(shown(error)).not.toContain(TOKEN);
  });

  it("fetchIamToken's error leaves the password out of its cause", async () => {
    const error = await failureOf(
      fetchIamToken({
        iamEndpoint: "https://iam.example.com",
        username: "u",
        password: "PlainSecretPassword123",
        domainName: "d",
        projectId: "p",
        fetch: async (request) => Promise.reject(`could not send ${await request.text()}`),
      }),
    );
    expect(error).toMatchObject({ code: "NetworkError" });
    expect(shown(error)).toContain("could not send");
    expect(shown(error)).not.toContain("PlainSecretPassword123");
  });
});

describe("a transport error that holds the request rather than quoting it (a fetch wrapper's error)", () => {
  const holding: Record<string, (request: Request) => unknown> = {
    "the Request in a field": (request) => Object.assign(new TypeError("fetch failed"), { request }),
    "the options it was given, headers as a record": (request) =>
      Object.assign(new Error("Request failed"), {
        code: "ECONNRESET",
        options: { headers: Object.fromEntries(request.headers) },
      }),
    "the headers as a Headers, in a cause": (request) =>
      new TypeError("fetch failed", { cause: Object.assign(new Error("socket hang up"), { headers: request.headers }) }),
    "the Request itself, thrown": (request) => request,
    "the body it sent, as bytes, beside a large buffer": (request) =>
      Object.assign(new Error("Request failed"), {
        buffer: new Uint8Array(1_000_000),
        body: new TextEncoder().encode(
          `{"token":"${request.headers.get("x-auth-token") ?? request.headers.get("authorization")}"}`,
        ),
      }),
    "an AggregateError over one that holds it": (request) =>
      new AggregateError(
        [Object.assign(new Error("attempt failed"), { config: { headers: [...request.headers] } })],
        "all failed",
      ),
  };
  const credentials = {
    "a token": { token: TOKEN },
    "temporary keys": { ak: "AKEXAMPLE", sk: SK, securityToken: STS },
  };
  for (const [label, error] of Object.entries(holding))
    for (const [credentialsLabel, given] of Object.entries(credentials))
      it(`keeps no secret of ${credentialsLabel} in the cause: ${label}`, async () => {
        const transport: FetchLike = (request) => Promise.reject(error(request));
        const send = withRetry(withAuth(transport, resolveCredentials(given)), { maxAttempts: 1 });
        const failure = await failureOf(send(new Request("https://fg.example.com/v2/p/fgs/functions")));
        expect(failure).toMatchObject({ code: "NetworkError" });
        const text = shown(failure);
        for (const secret of [TOKEN, STS]) expect(text).not.toContain(secret);
        expect(text).not.toMatch(/Signature=[0-9a-f]{64}/);
        expect(text).not.toMatch(/\b[0-9a-f]{64}\b/);
      });

  it("keeps a cause that holds no secret as it is", async () => {
    const cause = Object.assign(new TypeError("fetch failed"), { options: { headers: { accept: "application/json" } } });
    const send = withRetry(
      withAuth(() => Promise.reject(cause), resolveCredentials({ token: TOKEN })),
      { maxAttempts: 1 },
    );
    const failure = await failureOf(send(new Request("https://fg.example.com/v2/p/fgs/functions")));
    expect((failure as Error).cause).toBe(cause);
  });
});

describe("a credentials service's error answer that echoes the secret in a header", () => {
  const iam = (answer: (body: string) => Response) =>
    failureOf(
      fetchIamToken({
        iamEndpoint: "https://iam.example.com",
        username: "u",
        password: PASSWORD,
        domainName: "d",
        projectId: "p",
        fetch: async (request) => answer(await request.text()),
      }),
    );

  it("fetchIamToken: a header quoting the request body, a redirect whose Location carries the password", async () => {
    const echoed = await iam((body) => new Response("{}", { status: 401, headers: { "x-echo": body } }));
    const moved = await iam(
      () =>
        new Response(null, {
          status: 302,
          headers: { location: `https://login.example.com/?pw=${encodeURIComponent(PASSWORD)}` },
        }),
    );
    expect(echoed).toMatchObject({ status: 401 });
    expect((echoed as FunctionGraphError).response?.headers["x-echo"]).toContain("[REDACTED]");
    expect(moved).toMatchObject({ status: 302, code: "Redirect" });
    expect((moved as Error).message).toContain("https://login.example.com/?pw=[REDACTED]");
    for (const error of [echoed, moved])
      for (const part of [PASSWORD, "secret/pass", "secret%2Fpass", "secret\\/pass"]) expect(shown(error)).not.toContain(part);
  });

  it("fetchEcsAccessKeys: a header quoting the session token", async () => {
    const SESSION = "METADATAsessionTOKENinHEADER01";
    const error = await failureOf(
      fetchEcsAccessKeys({
        fetch: async (request) =>
          request.method === "PUT"
            ? new Response(SESSION)
            : new Response("no agency", {
                status: 401,
                headers: { "x-echo": `token=${request.headers.get("x-metadata-token")}` },
              }),
      }),
    );
    expect(error).toMatchObject({ status: 401, response: { headers: { "x-echo": "token=[REDACTED]" } } });
    expect(shown(error)).not.toContain(SESSION);
  });
});
