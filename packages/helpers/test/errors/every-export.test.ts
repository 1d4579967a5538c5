// Every function @fgkit/helpers exports, called with a wrong value in each argument position in turn
// (the others right), either works or refuses it with an InvalidInputError: never a TypeError from
// inside ("x.trim is not a function"). The table must name every export, so a new one is probed too.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as helpers from "../../src/index.js";

const response = () => new Response("{}", { status: 401, headers: { date: "Mon, 30 Nov 2026 01:00:00 GMT" } });
const request = () => new Request("https://example.com/v2/p/fgs/functions", { headers: { "x-auth-token": "t" } });
// Where a call would reach a service, it meets this instead (and fails with its error code).
const noNetwork = async () => Response.json({ error_code: "STUB.0500" }, { status: 500 });
const metStub = (result: unknown) => helpers.FunctionGraphError.isInstance(result) && result.code === "STUB.0500";
const keys = { ak: "AK", sk: "SK" };

interface Case {
  /** Arguments that work. */
  args: unknown[];
  /** Positions where leaving the argument out (undefined) is allowed and would reach the network. */
  offline?: number[];
}

// Right arguments for each export; the probe puts a wrong value in one position at a time.
const CASES: Record<string, Case | string> = {
  accessKeysFromEnv: { args: [{ HUAWEICLOUD_SDK_AK: "AK", HUAWEICLOUD_SDK_SK: "SK" }] },
  assertAccessKeyCredentials: { args: [keys] },
  canonicalHeaders: { args: [[["host", "example.com"]]] },
  canonicalQuery: { args: ["a=1&b=2"] },
  canonicalUri: { args: ["/v2/p/fgs/functions"] },
  checkMilliseconds: { args: ["timeoutMs", 5, 1] },
  checkKnownOptions: { args: ["retry", { maxAttempts: 1 }, ["maxAttempts"], {}] },
  checkSignal: { args: ["signal", new AbortController().signal] },
  checkWholeNumber: { args: ["attempts", 2, 1, 1] },
  computeSignature: {
    args: [{ method: "GET", url: new URL("https://example.com/a"), headers: [["host", "example.com"]], body: null }, keys],
  },
  createAccessKeyProvider: { args: [{ fetchKeys: async () => ({ ...keys, expiresAt: new Date(Date.now() + 3600e3) }) }] },
  createRetryQuota: { args: [100] },
  createTokenProvider: { args: [{ fetchToken: async () => ({ token: "t", expiresAt: new Date(Date.now() + 3600e3) }) }] },
  defaultFetch: "fetch-shaped: what it is given goes to fetch, which has its own (standard) TypeErrors",
  draftRequestClass: "a class (or undefined off Node), not a function to call",
  errorDetails: { args: [{ error_code: "FSS.0404" }] },
  errorFromResponse: { args: [request(), response(), { error_code: "X" }, 1] },
  exchangeOf: { args: [response()] },
  fetchEcsAccessKeys: { args: [{ fetch: noNetwork }], offline: [0] },
  fetchIamToken: {
    args: [{ region: "cn-north-4", username: "u", password: "p", domainName: "d", projectId: "p", fetch: noNetwork }],
  },
  formatSdkDate: { args: [new Date()] },
  fullJitterDelay: { args: [1, 100, 1000, Math.random] },
  invalidateRefusedCredentials: { args: [helpers.resolveCredentials({ token: "t" }), request()] },
  isSecretHeader: { args: ["authorization"] },
  isTransientNetworkError: { args: [new Error("x")] },
  nextMarker: { args: ["10", 10, 20] },
  nextOffset: { args: [0, 10, 20] },
  paginate: { args: [{ fetchPage: async () => ({}), items: () => [], next: () => undefined }] },
  parseEndpoint: { args: ["endpoint", "https://example.com", { allowInsecureHttp: false }] },
  parseErrorBody: { args: ['{"a":1}'] },
  parseRetryAfter: { args: ["3", Date.now()] },
  percentDecode: { args: ["a%20b"] },
  percentEncode: { args: ["a b"] },
  recordExchange: { args: [response(), request(), 1] },
  redactHeaders: { args: [{ authorization: "SDK-HMAC-SHA256 Access=AK, Signature=abc" }] },
  redactUrl: { args: ["https://u:p@example.com/?token=x"] },
  requestIdOf: { args: [new Headers({ "x-request-id": "r" })] },
  resolveCredentials: { args: [keys, "credentials"] },
  resolveMaxResponseBytes: { args: [1024, "maxResponseBytes"] },
  resolveRetryOptions: { args: [{ maxAttempts: 2 }, "retry"] },
  resolveTimeoutOptions: { args: [{ attemptTimeoutMs: 10 }, "timeout"] },
  signRequest: { args: [request(), keys, {}] },
  skewCorrection: { args: [response(), { offsetMs: 0 }, Date.now()] },
  sleep: { args: [1, new AbortController().signal] },
  unwrap: { args: [{ data: 1, response: new Response("1") }] },
  waitUntil: { args: ["x", async () => 1, () => "success", { maxWaitMs: 1000 }] },
  withAuth: { args: [noNetwork, helpers.resolveCredentials(keys), {}] },
  withRetry: { args: [noNetwork, {}] },
};

const WRONG: unknown[] = [undefined, null, 0, Number.NaN, "", "x", {}, [], () => 1];
const show = (value: unknown) => (typeof value === "function" ? "a function" : (JSON.stringify(value) ?? "undefined"));

/** What a call came to: "ok" (returned or resolved), or what it threw or rejected with. */
async function outcome(call: () => unknown): Promise<unknown> {
  try {
    const value = call();
    if (value && typeof (value as Promise<unknown>).then === "function") await value;
    return "ok";
  } catch (error) {
    return error;
  }
}

/** An InvalidInputError, or a FunctionGraphError that is not a crash in disguise (a TypeError as its cause). */
const refusal = (error: unknown): boolean =>
  error instanceof helpers.InvalidInputError ||
  (helpers.FunctionGraphError.isInstance(error) &&
    (!(error.cause instanceof TypeError) || error.cause instanceof helpers.InvalidInputError));

beforeAll(() => {
  // Nothing here may reach a real service: a call that gets that far meets a stub.
  vi.stubGlobal("fetch", noNetwork);
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe("every export of @fgkit/helpers, given a wrong argument", () => {
  const functions = Object.entries(helpers).filter(([name, value]) => typeof value === "function" && /^[a-z]/.test(name));

  it("is in the table (so it is probed)", () => {
    expect(functions.map(([name]) => name).sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [name, fn] of functions) {
    const entry = CASES[name];
    if (entry === undefined || typeof entry === "string") continue;
    it(`${name}: works or throws InvalidInputError`, async () => {
      const crashes: string[] = [];
      const right = await outcome(() => (fn as (...args: unknown[]) => unknown)(...entry.args));
      expect(right === "ok" || metStub(right) ? "ok" : right, `${name} with right arguments`).toBe("ok");
      for (let position = 0; position < entry.args.length; position++) {
        for (const wrong of WRONG) {
          if (wrong === undefined && entry.offline?.includes(position)) continue;
          const args = [...entry.args];
          args[position] = wrong;
          const result = await outcome(() => (fn as (...args: unknown[]) => unknown)(...args));
          if (result !== "ok" && !refusal(result)) crashes.push(`argument ${position + 1} ${show(wrong)}: ${String(result)}`);
        }
      }
      expect(crashes).toEqual([]);
    });
  }
});
