// A refresh every waiting caller has given up on (their attempts timed out, or the program is
// shutting down) is stopped about 2 s after the last one left, so that its request does not hold a
// finished program open; a caller that comes back in time (a call's next attempt) keeps it going.
import { describe, expect, it } from "vitest";
import { createTokenProvider } from "../../src/index.js";

const STOPS_AFTER_MS = 2_000;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A token source that answers only when told to, and notes each fetch's signal. */
function slowSource() {
  const fetches: { signal: AbortSignal; answer: (token: string) => void }[] = [];
  const provider = createTokenProvider({
    fetchToken: ({ signal }) =>
      new Promise((resolve, reject) => {
        signal.addEventListener("abort", () => reject(signal.reason), { once: true });
        fetches.push({ signal, answer: (token) => resolve({ token, expiresAt: new Date(Date.now() + 3_600_000) }) });
      }),
  });
  return { provider, fetches };
}

/** A caller's wait that ends when its signal aborts, as an attempt's does. */
const waitAs = (provider: ReturnType<typeof slowSource>["provider"], signal: AbortSignal) => {
  const pending = Promise.resolve(provider({ signal }));
  pending.catch(() => {});
  return pending;
};

describe("a refresh nobody waits for any more", () => {
  it("is stopped once every waiting caller has left, and the next caller starts a new one", async () => {
    const { provider, fetches } = slowSource();
    const first = new AbortController();
    const second = new AbortController();
    waitAs(provider, first.signal);
    waitAs(provider, second.signal);
    expect(fetches).toHaveLength(1);
    first.abort();
    await wait(STOPS_AFTER_MS + 400);
    expect(fetches[0]?.signal.aborted).toBe(false); // one caller still waits
    second.abort();
    await wait(STOPS_AFTER_MS + 400);
    expect(fetches[0]?.signal.aborted).toBe(true);

    const next = waitAs(provider, new AbortController().signal);
    expect(fetches).toHaveLength(2);
    fetches[1]?.answer("MIIT-2");
    expect(await next).toBe("MIIT-2");
  });

  it("keeps going when a caller comes back before it is stopped (a call's next attempt)", async () => {
    const { provider, fetches } = slowSource();
    const attempt1 = new AbortController();
    waitAs(provider, attempt1.signal);
    attempt1.abort(); // the attempt timed out; the call backs off and tries again
    await wait(300);
    const attempt2 = waitAs(provider, new AbortController().signal);
    await wait(STOPS_AFTER_MS + 400);
    expect(fetches).toHaveLength(1);
    expect(fetches[0]?.signal.aborted).toBe(false);
    fetches[0]?.answer("MIIT-1");
    expect(await attempt2).toBe("MIIT-1");
  });

  it("is kept by a caller without a signal who comes while a stop is pending", async () => {
    const { provider, fetches } = slowSource();
    const leaving = new AbortController();
    waitAs(provider, leaving.signal);
    leaving.abort();
    await wait(500); // the stop is pending
    const patient = Promise.resolve(provider());
    await wait(STOPS_AFTER_MS + 400);
    expect(fetches[0]?.signal.aborted).toBe(false);
    fetches[0]?.answer("MIIT-1");
    expect(await patient).toBe("MIIT-1");
  });

  it("is not started for a caller that had given up before it asked (an attempt already over)", async () => {
    const { provider, fetches } = slowSource();
    await expect(waitAs(provider, AbortSignal.abort(new Error("over")))).rejects.toThrow("over");
    expect(fetches).toHaveLength(0);
  });

  it("is not stopped after it succeeded, whatever its callers' signals do then", async () => {
    const { provider, fetches } = slowSource();
    const caller = new AbortController();
    const got = waitAs(provider, caller.signal);
    fetches[0]?.answer("MIIT-1");
    expect(await got).toBe("MIIT-1");
    caller.abort(); // after the answer
    await wait(STOPS_AFTER_MS + 400);
    expect(fetches[0]?.signal.aborted).toBe(false);
  });

  it("lets one app-wide signal wait in many calls without Node's listener-leak warning", async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on("warning", onWarning);
    try {
      const { provider, fetches } = slowSource();
      const shutdown = new AbortController();
      const waits = Array.from({ length: 20 }, () => waitAs(provider, shutdown.signal));
      fetches[0]?.answer("MIIT-1");
      await Promise.all(waits);
      await wait(50);
      expect(warnings.filter((name) => name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });

  it("is never stopped while a caller without a signal waits for it", async () => {
    const { provider, fetches } = slowSource();
    const patient = Promise.resolve(provider());
    const leaving = new AbortController();
    waitAs(provider, leaving.signal);
    leaving.abort();
    await wait(STOPS_AFTER_MS + 400);
    expect(fetches[0]?.signal.aborted).toBe(false);
    fetches[0]?.answer("MIIT-1");
    expect(await patient).toBe("MIIT-1");
  });
});

describe("a provider of the caller's own", () => {
  it("is called without arguments, as before (a memoizing wrapper or its own optional parameter would take one)", async () => {
    const { resolveCredentials, withAuth } = await import("../../src/index.js");
    const argumentCounts: number[] = [];
    const token = (...args: unknown[]) => {
      argumentCounts.push(args.length);
      return "MIIT-own";
    };
    const send = withAuth(async (request) => new Response(request.headers.get("x-auth-token")), resolveCredentials({ token }));
    expect(await (await send(new Request("https://example.test/v2/p/fgs/functions"))).text()).toBe("MIIT-own");
    expect(argumentCounts).toEqual([0]);
  });
});
