import { describe, expect, it } from "vitest";
import { createTokenProvider, FunctionGraphError, type IamToken } from "../../src/index.js";

/** Lets a background refresh settle. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("createTokenProvider", () => {
  it("caches the token until the refresh window", async () => {
    const time = clock();
    let fetched = 0;
    const provider = createTokenProvider({
      now: time.now,
      refreshBeforeMs: 60_000,
      fetchToken: async () => ({ token: `t${++fetched}`, expiresAt: new Date(time.now() + 3_600_000) }),
    });
    expect(await provider()).toBe("t1");
    time.advance(3_500_000);
    expect(await provider()).toBe("t1");
    time.advance(50_000); // now inside the last minute: t1 still, while t2 is fetched in the background
    expect(await provider()).toBe("t1");
    await settled();
    expect(await provider()).toBe("t2");
    expect(fetched).toBe(2);
  });

  it("inside the window, a slow or failing refresh delays no call; a failed one is tried again after 10 s", async () => {
    const time = clock();
    let fetched = 0;
    let source: "ok" | "hangs" | "fails" = "ok";
    const provider = createTokenProvider({
      now: time.now,
      refreshBeforeMs: 60_000,
      fetchToken: () => {
        fetched++;
        if (source === "hangs") return new Promise<IamToken>(() => {});
        if (source === "fails") return Promise.reject(new Error("IAM down"));
        return Promise.resolve({ token: `t${fetched}`, expiresAt: new Date(time.now() + 120_000) });
      },
      fetchTimeoutMs: 0,
    });
    expect(await provider()).toBe("t1");
    source = "fails";
    time.advance(90_000); // inside the window, still valid
    for (let i = 0; i < 5; i++) expect(await provider()).toBe("t1");
    await settled();
    expect(fetched).toBe(2); // one background refresh, not one per call
    time.advance(5_000);
    expect(await provider()).toBe("t1");
    await settled();
    expect(fetched).toBe(2); // within 10 s of the failure: not tried again
    source = "ok";
    time.advance(5_000);
    expect(await provider()).toBe("t1");
    await settled();
    expect(await provider()).toBe("t3");
    source = "hangs";
    time.advance(90_000);
    const started = fetched;
    for (let i = 0; i < 5; i++) expect(await provider()).toBe("t3"); // the hanging refresh holds no call
    expect(fetched).toBe(started + 1);
  });

  it("a background refresh that fetched a value it refuses counts as failed: tried again after 10 s, not at every call", async () => {
    const time = clock();
    let fetched = 0;
    let token = "t1";
    const provider = createTokenProvider({
      now: time.now,
      refreshBeforeMs: 60_000,
      fetchToken: async () => {
        fetched++;
        return { token, expiresAt: new Date(time.now() + 120_000) };
      },
    });
    expect(await provider()).toBe("t1");
    token = "bad\ntoken"; // IAM answers something the provider refuses
    time.advance(90_000); // inside the window, still valid
    for (let i = 0; i < 5; i++) {
      expect(await provider()).toBe("t1");
      await settled();
    }
    expect(fetched).toBe(2);
    token = "t3";
    time.advance(10_000);
    expect(await provider()).toBe("t1");
    await settled();
    expect(await provider()).toBe("t3");
    expect(fetched).toBe(3);
  });

  it("refreshes a token that lives less than the window at half its life, not at every call", async () => {
    const time = clock();
    let fetched = 0;
    const provider = createTokenProvider({
      now: time.now,
      refreshBeforeMs: 600_000, // the default 10 minutes, for 5-minute tokens
      fetchToken: async () => ({ token: `t${++fetched}`, expiresAt: new Date(time.now() + 300_000) }),
    });
    for (let i = 0; i < 20; i++) {
      expect(await provider()).toBe("t1");
      await settled();
      time.advance(7_000); // 140 s in all: under half of the token's 300 s
    }
    expect(fetched).toBe(1);
    time.advance(20_000); // past half its life
    expect(await provider()).toBe("t1");
    await settled();
    expect(await provider()).toBe("t2");
  });

  it("shares one refresh between concurrent callers", async () => {
    let fetched = 0;
    let release: (token: IamToken) => void = () => {};
    const provider = createTokenProvider({
      fetchToken: () => {
        fetched++;
        return new Promise<IamToken>((resolve) => (release = resolve));
      },
    });
    const calls = Promise.all([provider(), provider(), provider()]);
    release({ token: "shared", expiresAt: new Date(Date.now() + 3_600_000) });
    expect(await calls).toEqual(["shared", "shared", "shared"]);
    expect(fetched).toBe(1);
  });

  it("keeps a still-valid token when a refresh fails, and fails once it has expired", async () => {
    const time = clock();
    let fail = false;
    const provider = createTokenProvider({
      now: time.now,
      refreshBeforeMs: 60_000,
      fetchToken: async () => {
        if (fail) throw new Error("IAM down");
        return { token: "first", expiresAt: new Date(time.now() + 120_000) };
      },
    });
    expect(await provider()).toBe("first");
    fail = true;
    time.advance(90_000); // inside the refresh window, still valid
    expect(await provider()).toBe("first");
    time.advance(60_000); // expired
    await expect(provider()).rejects.toThrow("IAM down");
  });
});

describe("createTokenProvider and a refresh that never ends", () => {
  it("gives it up after fetchTimeoutMs: its signal aborts, waiting callers get Timeout, the next call refreshes afresh", async () => {
    const signals: AbortSignal[] = [];
    let answer = false;
    const provider = createTokenProvider({
      fetchTimeoutMs: 50,
      fetchToken: ({ signal }) => {
        signals.push(signal);
        // The first refresh hangs (IAM took the connection and never answered); the next one works.
        if (!answer) return new Promise<IamToken>(() => {});
        return Promise.resolve({ token: "fresh", expiresAt: new Date(Date.now() + 3_600_000) });
      },
    });
    const waiting = await Promise.all(
      [provider(), provider()].map((call) => Promise.resolve(call).catch((error: unknown) => error)),
    );
    for (const error of waiting) {
      expect(FunctionGraphError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ status: 0, code: "Timeout", message: "token refresh: no token within 50 ms" });
    }
    expect(signals).toHaveLength(1);
    expect(signals[0]?.aborted).toBe(true);
    answer = true;
    expect(await provider()).toBe("fresh");
    expect(signals).toHaveLength(2);
    expect(signals[1]?.aborted).toBe(false);
  });

  it("refuses a fetchTimeoutMs that is not a number of milliseconds", () => {
    for (const fetchTimeoutMs of [-1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() =>
        createTokenProvider({ fetchTimeoutMs, fetchToken: async () => ({ token: "t", expiresAt: new Date() }) }),
      ).toThrow("fetchTimeoutMs: must be a number of milliseconds, 0 or more");
  });

  /** A provider of tokens t1, t2, ... valid for an hour, on a clock the test moves. */
  function numberedTokens() {
    const time = clock();
    let fetched = 0;
    const provider = createTokenProvider({
      now: time.now,
      fetchToken: async () => ({ token: `t${++fetched}`, expiresAt: new Date(time.now() + 3_600_000) }),
    });
    return { provider, time, fetched: () => fetched };
  }

  it("drops a refused token (invalidate), and the next call fetches a new one", async () => {
    const { provider, time, fetched } = numberedTokens();
    expect(await provider()).toBe("t1");
    time.advance(60_000);
    expect(provider.invalidate?.("t1")).toBe(true);
    expect(await provider()).toBe("t2");
    expect(await provider()).toBe("t2");
    expect(fetched()).toBe(2);
  });

  it("keeps a newer token when an older, refused one is invalidated late", async () => {
    const { provider, time, fetched } = numberedTokens();
    await provider();
    time.advance(60_000);
    provider.invalidate?.("t1"); // the first call refused
    expect(await provider()).toBe("t2");
    // A concurrent call refused with the same old token: the new one stays, and is worth a resend.
    expect(provider.invalidate?.("t1")).toBe(true);
    expect(await provider()).toBe("t2");
    expect(fetched()).toBe(2);
  });

  it("keeps a refused token fetched in the last 30 s, and says a resend would not help", async () => {
    const { provider, time, fetched } = numberedTokens();
    await provider();
    time.advance(29_000);
    expect(provider.invalidate?.("t1")).toBe(false);
    expect(await provider()).toBe("t1");
    time.advance(1_000);
    expect(provider.invalidate?.("t1")).toBe(true);
    expect(await provider()).toBe("t2");
    expect(fetched()).toBe(2);
  });

  it("does not fall back to a token refused during a refresh that then fails", async () => {
    const time = clock();
    let fail = false;
    let release: () => void = () => {};
    const provider = createTokenProvider({
      now: time.now,
      refreshBeforeMs: 60_000,
      fetchToken: async () => {
        if (!fail) return { token: "first", expiresAt: new Date(time.now() + 120_000) };
        await new Promise<void>((resolve) => (release = resolve));
        throw new Error("IAM down");
      },
    });
    expect(await provider()).toBe("first");
    fail = true;
    time.advance(90_000); // inside the refresh window: a refresh starts in the background
    expect(await provider()).toBe("first");
    time.advance(30_000);
    provider.invalidate?.("first"); // refused by the gateway: dropped
    const after = provider();
    release();
    await expect(after).rejects.toThrow("IAM down");
  });

  it("refuses a missing fetchToken at once, and a fetched value without a valid expiresAt or token by field", async () => {
    expect(() => createTokenProvider({} as never)).toThrow(
      "fetchToken: must be a function ({ signal }) => Promise<{ token, expiresAt }>",
    );
    let answer: unknown = { token: "t1", expiresAt: "2030-01-01T00:00:00Z" };
    const provider = createTokenProvider({ fetchToken: async () => answer as IamToken });
    await expect(provider()).rejects.toThrow("fetchToken().expiresAt: must be a valid Date");
    answer = { token: "bad\ntoken", expiresAt: new Date(Date.now() + 3_600_000) };
    await expect(provider()).rejects.toThrow("fetchToken().token: contains a character that cannot be sent in a header");
    answer = { token: "t2", expiresAt: new Date(Date.now() + 3_600_000) };
    expect(await provider()).toBe("t2");
  });

  it("refuses an expiresAt in 1970 (epoch seconds read as milliseconds) rather than fetching on every call", async () => {
    let fetches = 0;
    const inAnHour = Math.floor(Date.now() / 1000) + 3600;
    const provider = createTokenProvider({
      fetchToken: async () => {
        fetches++;
        return { token: "t1", expiresAt: new Date(inAnHour) };
      },
    });
    await expect(provider()).rejects.toThrow(
      `fetchToken().expiresAt: is more than a year past (${new Date(inAnHour).toISOString()}): epoch seconds given as milliseconds?`,
    );
    await expect(provider()).rejects.toMatchObject({ name: "InvalidInputError", field: "fetchToken().expiresAt" });
    expect(fetches).toBe(2);
  });
});
