// Access keys that change: a caching provider of temporary keys, signing with whatever it hands out
// (on the Node transport's direct path and over a fetch transport), and keys from the environment.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type AccessKeyProvider,
  accessKeysFromEnv,
  computeSignature,
  createAccessKeyProvider,
  defaultFetch,
  type FetchLike,
  FunctionGraphError,
  resolveCredentials,
  type TemporaryAccessKeys,
  withAuth,
  withRetry,
} from "../../src/index.js";

const HOUR = 3_600_000;

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

/** Keys number n: AK n, its SK and security token, valid for an hour from `from`. */
const keysNumber = (n: number, from: number): TemporaryAccessKeys => ({
  ak: `TEMPAK${n}`,
  sk: `temporary-secret-${n}`,
  securityToken: `security-token-${n}`,
  expiresAt: new Date(from + HOUR),
});

describe("createAccessKeyProvider", () => {
  it("refuses bad options at once, and a bad fetched value by field, never crashing later", async () => {
    expect(() => createAccessKeyProvider(undefined as never)).toThrow("options: must be an object");
    expect(() => createAccessKeyProvider({ fetchKeys: "metadata" as never })).toThrow(
      "fetchKeys: must be a function ({ signal }) => Promise<{ ak, sk, securityToken?, expiresAt }>",
    );
    expect(() => createAccessKeyProvider({ fetchKeys: async () => keysNumber(1, 0), now: 5 as never })).toThrow(
      "now: must be a function returning epoch milliseconds",
    );

    let answer: unknown = { ak: "TEMPAK1", sk: "s" };
    const provider = createAccessKeyProvider({ fetchKeys: async () => answer as TemporaryAccessKeys });
    await expect(Promise.resolve(provider())).rejects.toThrow("fetchKeys().expiresAt: must be a valid Date");
    // Not cached, and the slot is free: the next call fetches again.
    answer = { ak: "TEMPAK1", sk: "", expiresAt: new Date(Date.now() + HOUR) };
    await expect(Promise.resolve(provider())).rejects.toThrow("fetchKeys().sk: must be a non-empty string");
    answer = { ak: "TEMPAK1", sk: "s", expiresAt: "2030-01-01" };
    await expect(Promise.resolve(provider())).rejects.toThrow("fetchKeys().expiresAt: must be a valid Date");
    answer = { ak: "TEMPAK1", sk: "s", expiresAt: new Date(Math.floor(Date.now() / 1000)) };
    await expect(Promise.resolve(provider())).rejects.toThrow(/^fetchKeys\(\)\.expiresAt: is more than a year past \(1970-/);
    answer = undefined;
    await expect(Promise.resolve(provider())).rejects.toThrow(
      "fetchKeys(): must resolve to { ak, sk, securityToken?, expiresAt }",
    );
    answer = keysNumber(7, Date.now());
    expect((await provider()).ak).toBe("TEMPAK7");
  });

  it("hands out cached keys without a promise, and fetches new ones inside the refresh window", async () => {
    const time = clock();
    let fetched = 0;
    const provider = createAccessKeyProvider({
      now: time.now,
      fetchKeys: async () => keysNumber(++fetched, time.now()),
    });
    const first = provider();
    expect(first).toBeInstanceOf(Promise);
    expect((await first).ak).toBe("TEMPAK1");
    const cached = provider();
    expect(cached).not.toBeInstanceOf(Promise);
    expect(cached).toMatchObject({ ak: "TEMPAK1", sk: "temporary-secret-1" });
    time.advance(HOUR - 4 * 60_000); // inside the default 5-minute window
    // The keys held are still valid: handed out at once (signing stays synchronous), while new ones
    // are fetched in the background.
    expect(provider()).toMatchObject({ ak: "TEMPAK1" });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(provider()).toMatchObject({ ak: "TEMPAK2" });
    expect(fetched).toBe(2);
  });

  it("shares one fetch between concurrent callers, and keeps still-valid keys while a fetch fails", async () => {
    const time = clock();
    let fetched = 0;
    let failing = false;
    const provider = createAccessKeyProvider({
      now: time.now,
      refreshBeforeMs: 60_000,
      fetchKeys: async () => {
        fetched++;
        if (failing) throw new Error("metadata service down");
        return keysNumber(fetched, time.now());
      },
    });
    const together = await Promise.all([provider(), provider(), provider()]);
    expect(together.map((keys) => keys.ak)).toEqual(["TEMPAK1", "TEMPAK1", "TEMPAK1"]);
    expect(fetched).toBe(1);
    failing = true;
    time.advance(HOUR - 30_000); // in the window, not expired
    expect((await provider()).ak).toBe("TEMPAK1");
    time.advance(60_000); // expired
    await expect(Promise.resolve(provider())).rejects.toThrow("metadata service down");
  });

  it("does not cache keys a call would refuse (an SK with a newline from a file): the next call fetches again", async () => {
    let sk = "temporary-secret-1\n";
    let fetched = 0;
    const provider = createAccessKeyProvider({
      fetchKeys: async () => {
        fetched++;
        return { ak: "TEMPAK1", sk, securityToken: "token-1", expiresAt: new Date(Date.now() + HOUR) };
      },
    });
    await expect(Promise.resolve(provider())).rejects.toThrow("fetchKeys().sk: must not start or end with whitespace");
    sk = "temporary-secret-1";
    expect((await provider()).sk).toBe("temporary-secret-1");
    expect(fetched).toBe(2);
  });

  it("drops refused keys after the host clock stepped back (their age is then unknown)", async () => {
    const time = clock();
    let fetched = 0;
    const provider = createAccessKeyProvider({ now: time.now, fetchKeys: async () => keysNumber(++fetched, time.now()) });
    expect((await provider()).ak).toBe("TEMPAK1");
    time.advance(5_000);
    expect(provider.invalidate?.("TEMPAK1")).toBe(false); // 5 s old: kept (the 401 has another cause)
    time.advance(-600_000); // the clock steps back 10 minutes
    expect(provider.invalidate?.("TEMPAK1")).toBe(true);
    expect((await provider()).ak).toBe("TEMPAK2");
  });

  it("uses keys that came expired by this host's clock (a clock ahead) for 30 s, not fetching them at every call", async () => {
    const time = clock();
    let fetched = 0;
    // The metadata service hands out the same keys until it renews them; the host's clock is 20 minutes ahead.
    const provider = createAccessKeyProvider({
      now: time.now,
      fetchKeys: async () => ({ ...keysNumber(1, time.now() - HOUR - 20 * 60_000), ak: `TEMPAK${++fetched}` }),
    });
    expect((await provider()).ak).toBe("TEMPAK1");
    for (let i = 0; i < 5; i++) expect((provider() as TemporaryAccessKeys).ak).toBe("TEMPAK1"); // held, no promise
    expect(fetched).toBe(1);
    time.advance(15_000); // half of it: fetched again in the background, the held keys used meanwhile
    expect((provider() as TemporaryAccessKeys).ak).toBe("TEMPAK1");
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((provider() as TemporaryAccessKeys).ak).toBe("TEMPAK2");
    expect(fetched).toBe(2);
    // Refused by the gateway (they had really expired): kept for 30 s like any fresh keys, then dropped.
    expect(provider.invalidate?.("TEMPAK2")).toBe(false);
    time.advance(30_000);
    expect(provider.invalidate?.("TEMPAK2")).toBe(true);
    expect((await provider()).ak).toBe("TEMPAK3");
  });

  it("gives up a fetch after fetchTimeoutMs with a Timeout error, and refuses bad timings", async () => {
    const provider = createAccessKeyProvider({ fetchKeys: () => new Promise(() => {}), fetchTimeoutMs: 40 });
    await expect(Promise.resolve(provider())).rejects.toMatchObject({
      code: "Timeout",
      message: "access key refresh: no keys within 40 ms",
    });
    expect(() => createAccessKeyProvider({ fetchKeys: async () => keysNumber(1, 0), refreshBeforeMs: Number.NaN })).toThrow(
      "refreshBeforeMs: ",
    );
  });
});

// A gateway that checks every signature with the SK of the AK it names, and the security token.
const issued = new Map<string, TemporaryAccessKeys>();
let seen: { ak: string; valid: boolean; token: string | undefined }[] = [];
let base = "";
const gateway = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const authorization = String(req.headers.authorization ?? "");
  const ak = /Access=([^,]+)/.exec(authorization)?.[1] ?? "";
  const signed = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(";") ?? [];
  const keys = issued.get(ak);
  let valid = false;
  if (keys) {
    const headers = signed.filter((name) => name !== "host").map((name): [string, string] => [name, String(req.headers[name])]);
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const expected = await computeSignature({ method: req.method ?? "GET", url, headers, body: Buffer.concat(chunks) }, keys);
    valid = expected.authorization === authorization && signed.includes("x-security-token");
  }
  seen.push({ ak, valid, token: req.headers["x-security-token"] as string | undefined });
  res.writeHead(valid ? 200 : 401, { "content-type": "application/json" }).end("{}");
});
beforeAll(async () => {
  await new Promise<void>((resolve) => gateway.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => gateway.close(() => resolve())));
beforeEach(() => {
  seen = [];
});

const TRANSPORTS: Record<string, FetchLike> = {
  "the Node transport (direct)": defaultFetch,
  "a fetch transport": (request) => globalThis.fetch(request),
};

describe("signing with an access key provider", () => {
  for (const [name, fetch] of Object.entries(TRANSPORTS)) {
    const sendWith = (accessKeys: AccessKeyProvider, timeout = {}) =>
      withRetry(withAuth(fetch, resolveCredentials({ accessKeys })), { baseDelayMs: 1, ...timeout });

    it(`${name}: each request is signed with the keys the provider holds then, token included`, async () => {
      const time = clock(Date.now());
      let fetched = 0;
      const provider = createAccessKeyProvider({
        now: time.now,
        fetchKeys: async () => {
          const keys = keysNumber(++fetched, time.now());
          issued.set(keys.ak, keys);
          return keys;
        },
      });
      const send = sendWith(provider);
      expect((await send(new Request(`${base}/a`))).status).toBe(200);
      expect((await send(new Request(`${base}/b`, { method: "POST", body: '{"x":1}' }))).status).toBe(200);
      time.advance(HOUR); // the keys expired: the next request gets new ones
      expect((await send(new Request(`${base}/c`))).status).toBe(200);
      expect(seen).toEqual([
        { ak: "TEMPAK1", valid: true, token: "security-token-1" },
        { ak: "TEMPAK1", valid: true, token: "security-token-1" },
        { ak: "TEMPAK2", valid: true, token: "security-token-2" },
      ]);
    });

    it(`${name}: keys the provider got wrong are refused by field, and nothing is sent`, async () => {
      const bad = sendWith(() => ({ ak: "TEMPAK9", sk: "" }));
      const error = await bad(new Request(`${base}/d`)).catch((thrown: unknown) => thrown);
      // By name: the direct path runs the built package (its own copy of the class).
      expect(error).toMatchObject({ name: "InvalidInputError", field: "credentials.accessKeys().sk" });
      expect((error as Error).message).toBe("credentials.accessKeys().sk: must be a non-empty string");

      const leaky = sendWith(async () => ({ ak: "TEMPAK9", sk: "s", securityToken: "secret\nline" }));
      const refused = await leaky(new Request(`${base}/e`)).catch((thrown: unknown) => thrown);
      expect((refused as Error).message).toBe(
        "credentials.accessKeys().securityToken: contains a character that cannot be sent in a header",
      );
      expect(seen).toEqual([]);
    });

    it(`${name}: a provider that never answers holds no attempt past its timeout`, async () => {
      const send = sendWith(() => new Promise(() => {}), { maxAttempts: 2, attemptTimeoutMs: 60 });
      const error = await send(new Request(`${base}/f`)).catch((thrown: unknown) => thrown);
      expect(FunctionGraphError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: "Timeout", attempts: 2 });
      expect(seen).toEqual([]);
    });
  }

  it("refuses { accessKeys } that is not a function", () => {
    expect(() => resolveCredentials({ accessKeys: { ak: "a", sk: "b" } })).toThrow(
      "credentials.accessKeys: must be a function returning { ak, sk, securityToken? }",
    );
  });
});

describe("accessKeysFromEnv", () => {
  it("reads the official SDKs' variables, the security token when set", () => {
    expect(accessKeysFromEnv({ HUAWEICLOUD_SDK_AK: "AK1", HUAWEICLOUD_SDK_SK: "sk1" })).toEqual({ ak: "AK1", sk: "sk1" });
    expect(
      accessKeysFromEnv({ HUAWEICLOUD_SDK_AK: "AK1", HUAWEICLOUD_SDK_SK: "sk1", HUAWEICLOUD_SDK_SECURITY_TOKEN: "tok" }),
    ).toEqual({ ak: "AK1", sk: "sk1", securityToken: "tok" });
  });

  it("defaults to process.env", () => {
    const saved = { ...process.env };
    try {
      process.env.HUAWEICLOUD_SDK_AK = "AKENV";
      process.env.HUAWEICLOUD_SDK_SK = "skenv";
      delete process.env.HUAWEICLOUD_SDK_SECURITY_TOKEN;
      expect(accessKeysFromEnv()).toEqual({ ak: "AKENV", sk: "skenv" });
    } finally {
      process.env = saved;
    }
  });

  it("names a missing or malformed variable, never its value", () => {
    expect(() => accessKeysFromEnv({ HUAWEICLOUD_SDK_SK: "sk1" })).toThrow("HUAWEICLOUD_SDK_AK: is not set");
    expect(() => accessKeysFromEnv({ HUAWEICLOUD_SDK_AK: "AK1", HUAWEICLOUD_SDK_SK: "" })).toThrow(
      "HUAWEICLOUD_SDK_SK: is not set",
    );
    const error = (() => {
      try {
        accessKeysFromEnv({
          HUAWEICLOUD_SDK_AK: "AK1",
          HUAWEICLOUD_SDK_SK: "sk1",
          HUAWEICLOUD_SDK_SECURITY_TOKEN: "tok\r\nX: y",
        });
      } catch (thrown) {
        return thrown as Error;
      }
    })();
    expect(error?.message).toBe("HUAWEICLOUD_SDK_SECURITY_TOKEN: contains a character that cannot be sent in a header");
    expect(() => accessKeysFromEnv({ HUAWEICLOUD_SDK_AK: "AK 1", HUAWEICLOUD_SDK_SK: "sk1" })).toThrow(
      "HUAWEICLOUD_SDK_AK: must not contain whitespace",
    );
    // A credentials.csv line pasted whole: named by the variable, the SK inside it never shown.
    expect(() => accessKeysFromEnv({ HUAWEICLOUD_SDK_AK: "user,AK1,SECRETSK1", HUAWEICLOUD_SDK_SK: "sk1" })).toThrow(
      /^HUAWEICLOUD_SDK_AK: contains a comma: give the access key id alone \([^)]*\)$/,
    );
    for (const sk of ["sk1\r", "sk1\n", " sk1"])
      expect(() => accessKeysFromEnv({ HUAWEICLOUD_SDK_AK: "AK1", HUAWEICLOUD_SDK_SK: sk }), JSON.stringify(sk)).toThrow(
        /^HUAWEICLOUD_SDK_SK: must not start or end with whitespace$/,
      );
  });
});
