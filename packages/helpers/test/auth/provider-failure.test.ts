// A credentials provider that fails ends the call with code CredentialsError (not NetworkError: the
// endpoint was never asked), its error as the cause, and nothing sent. A failure of the provider's
// own network (a TypeError "fetch failed") is retried like the call's, and fgkit's own errors from
// IAM or the metadata service come through as they are.
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type Credentials,
  createTokenProvider,
  defaultFetch,
  type FetchLike,
  FunctionGraphError,
  resolveCredentials,
  withAuth,
  withRetry,
} from "../../src/index.js";

let hits = 0;
let base = "";
const server = createServer((_req, res) => {
  hits++;
  res.end("{}");
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  hits = 0;
});

const TRANSPORTS: Record<string, FetchLike> = {
  "the Node transport (direct)": defaultFetch,
  "a fetch transport": (request) => globalThis.fetch(request),
};

/** Credentials of each provider kind whose provider runs `fail` (counting its calls). */
function failingProviders(fail: () => never | Promise<never>) {
  let calls = 0;
  const provide = () => {
    calls++;
    return fail();
  };
  const kinds: Record<string, Credentials> = {
    "a token provider": provide as () => Promise<string>,
    "an access key provider": { accessKeys: provide as () => Promise<{ ak: string; sk: string }> },
  };
  return { kinds, calls: () => calls };
}

async function failure(credentials: Credentials, fetch: FetchLike): Promise<FunctionGraphError> {
  const send = withRetry(withAuth(fetch, resolveCredentials(credentials)), { baseDelayMs: 1 });
  const error = await send(new Request(`${base}/v2/p/fgs/quotas`)).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(FunctionGraphError.isInstance(error), String(error)).toBe(true);
  return error as FunctionGraphError;
}

describe("a credentials provider that fails", () => {
  for (const [transport, fetch] of Object.entries(TRANSPORTS)) {
    it(`${transport}: throwing or rejecting ends the call as CredentialsError, its error the cause, nothing sent`, async () => {
      const cause = new Error("metadata service answered 500");
      for (const fail of [
        () => {
          throw cause;
        },
        () => Promise.reject(cause),
      ]) {
        const { kinds, calls } = failingProviders(fail);
        for (const credentials of Object.values(kinds)) {
          const error = await failure(credentials, fetch);
          expect(error).toMatchObject({ status: 0, code: "CredentialsError", attempts: 1 });
          expect(error.message).toBe("GET /v2/p/fgs/quotas: no credentials (metadata service answered 500)");
          expect(error.cause).toBe(cause);
        }
        expect(calls()).toBe(2);
      }
      expect(hits).toBe(0);
    });

    it(`${transport}: a network failure inside the provider is retried, then reported as CredentialsError`, async () => {
      const { kinds, calls } = failingProviders(() => Promise.reject(new TypeError("fetch failed")));
      for (const credentials of Object.values(kinds)) {
        const error = await failure(credentials, fetch);
        expect(error).toMatchObject({ code: "CredentialsError", attempts: 3 });
      }
      expect(calls()).toBe(6);
      expect(hits).toBe(0);
    });

    it(`${transport}: a provider's thenable that is not a native Promise is awaited, resolved or rejected`, async () => {
      const thenable = <T>(settle: (resolve: (value: T) => void, reject: (reason: unknown) => void) => void) => ({
        // biome-ignore lint/suspicious/noThenProperty: the point is a promise-like that is no Promise
        then: (onFulfilled: (value: T) => unknown, onRejected: (reason: unknown) => unknown) =>
          new Promise<T>(settle).then(onFulfilled, onRejected),
      });
      const keys = { accessKeys: () => thenable((resolve) => resolve({ ak: "AK", sk: "SK" })) } as unknown as Credentials;
      const send = withRetry(withAuth(fetch, resolveCredentials(keys)));
      expect((await send(new Request(`${base}/ok`))).status).toBe(200);
      expect(hits).toBe(1);
      const refusing = { accessKeys: () => thenable((_, reject) => reject(new Error("vault sealed"))) } as unknown as Credentials;
      expect(await failure(refusing, fetch)).toMatchObject({
        code: "CredentialsError",
        message: expect.stringContaining("vault sealed"),
      });
      expect(hits).toBe(1);
    });

    it(`${transport}: fgkit's own error from the provider (IAM refused the password) comes through as it is`, async () => {
      // As fetchIamToken makes it: with the request it is about.
      const iam = new FunctionGraphError("POST /v3/auth/tokens failed with 401: The username or password is wrong.", {
        status: 401,
        request: { method: "POST", url: "https://iam.example.com/v3/auth/tokens", headers: {} },
      });
      const { kinds } = failingProviders(() => Promise.reject(iam));
      for (const credentials of Object.values(kinds)) expect(await failure(credentials, fetch)).toBe(iam);
      expect(hits).toBe(0);
    });
  }
});

describe("a provider's own FunctionGraphError without a request", () => {
  for (const [transport, fetch] of Object.entries(TRANSPORTS))
    it(`${transport}: comes through as it is (the same object, its class and fields kept)`, async () => {
      class VaultError extends FunctionGraphError {
        readonly vault = "prod";
      }
      const own = new VaultError("vault: access denied", { status: 403, code: "VaultDenied" });
      const { kinds } = failingProviders(() => Promise.reject(own));
      for (const credentials of Object.values(kinds)) expect(await failure(credentials, fetch)).toBe(own);
      expect(hits).toBe(0);
    });
});

describe("a caching provider's refresh that times out", () => {
  for (const [transport, fetch] of Object.entries(TRANSPORTS))
    it(`${transport}: the Timeout names the call and its request, and counts the attempts`, async () => {
      const credentials = {
        token: createTokenProvider({ fetchToken: () => new Promise<never>(() => {}), fetchTimeoutMs: 50 }),
      };
      const send = withRetry(withAuth(fetch, resolveCredentials(credentials)), { baseDelayMs: 1 });
      const error = await send(new Request(`${base}/v2/p/fgs/quotas`)).then(
        () => undefined,
        (thrown: unknown) => thrown,
      );
      expect(error).toMatchObject({ code: "Timeout", status: 0, attempts: 1, request: { method: "GET" } });
      expect((error as Error).message).toBe("GET /v2/p/fgs/quotas: token refresh: no token within 50 ms");
      expect((error as Error).cause).toMatchObject({ code: "Timeout", message: "token refresh: no token within 50 ms" });
      expect(hits).toBe(0);
    });

  it("a provider from the other build (CommonJS beside ESM): its refresh Timeout is told the call too", async () => {
    const commonJs = createRequire(import.meta.url)("../../dist/index.node.cjs") as typeof import("../../src/index.js");
    const credentials = {
      token: commonJs.createTokenProvider({ fetchToken: () => new Promise<never>(() => {}), fetchTimeoutMs: 50 }),
    };
    const send = withRetry(withAuth(defaultFetch, resolveCredentials(credentials)), { baseDelayMs: 1 });
    const error = await send(new Request(`${base}/v2/p/fgs/quotas`)).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect((error as Error).message).toBe("GET /v2/p/fgs/quotas: token refresh: no token within 50 ms");
    expect(error).toMatchObject({ code: "Timeout", request: { method: "GET" } });
  });
});
