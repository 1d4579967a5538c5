// maxWaitMs bounds the whole wait, a poll still running at the deadline included, and the caller's
// signal ends a running poll too, whether or not the poll heeds the signal it is given.
import { describe, expect, it, vi } from "vitest";
import { FunctionGraphError, waitUntil } from "../../src/index.js";

const never = () => new Promise<never>(() => {});

describe("waitUntil's deadline and signal", () => {
  it("ends a poll still running at maxWaitMs with WaiterTimeout, carrying the last answer", async () => {
    const signals: AbortSignal[] = [];
    let polls = 0;
    const started = Date.now();
    const error = await waitUntil(
      "the thing",
      (signal) => {
        if (signal) signals.push(signal);
        return ++polls === 1 ? Promise.resolve({ status: "RUNNING" }) : never(); // the second poll hangs
      },
      () => "retry",
      { minDelayMs: 10, maxDelayMs: 10, maxWaitMs: 300 },
    ).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000); // not the hung poll's forever
    expect(FunctionGraphError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: "WaiterTimeout",
      attempts: 2,
      message: "the thing did not finish within 300 ms (2 poll(s))",
      response: { data: { status: "RUNNING" } },
    });
    // The poll was told to stop: a client call given that signal ends its request.
    expect(signals[1]?.aborted).toBe(true);
  });

  it("ends a running poll at the caller's abort with code Aborted, the reason as cause", async () => {
    const controller = new AbortController();
    const reason = new Error("shutting down");
    setTimeout(() => controller.abort(reason), 20);
    const error = await waitUntil("the thing", never, () => "retry", { signal: controller.signal, maxWaitMs: 60_000 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "Aborted", attempts: 1, message: "the thing: wait aborted by the caller" });
    expect((error as Error).cause).toBe(reason);
  });

  it("gives up at the deadline, rather than start a poll there that it could not bound", async () => {
    let polls = 0;
    const started = Date.now();
    const error = await waitUntil(
      "the thing",
      async () => {
        polls++;
        return "RUNNING";
      },
      () => "retry",
      { minDelayMs: 1_000, maxWaitMs: 200 },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "WaiterTimeout", attempts: 1, response: { data: "RUNNING" } });
    expect(polls).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(195); // not early: at maxWaitMs
    expect(Date.now() - started).toBeLessThan(1_000); // not after the full 1 s delay
  });

  it("gives up, rather than poll without a bound, when the sleep ends late (a busy event loop)", async () => {
    let polls = 0;
    const error = await waitUntil(
      "the thing",
      () => {
        polls++;
        if (polls === 1) {
          const until = Date.now() + 250; // block the loop past the deadline during the sleep
          setTimeout(() => {
            while (Date.now() < until);
          }, 10);
          return Promise.resolve("RUNNING");
        }
        return never(); // a second poll would hang for good
      },
      () => "retry",
      { minDelayMs: 20, maxDelayMs: 20, maxWaitMs: 100, random: () => 0 },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "WaiterTimeout" });
  });

  it("bounds a later poll even when the clock reaches the deadline's last millisecond just before it starts", async () => {
    // A clock that moves 1 ms at each look: the time left for the second poll comes out as 0 ms, which
    // as a timer would mean no limit at all.
    const base = performance.now();
    let looks = 0;
    const clock = vi.spyOn(performance, "now").mockImplementation(() => base + looks++);
    let polls = 0;
    try {
      const error = await waitUntil(
        "the thing",
        () => (++polls === 1 ? Promise.resolve("RUNNING") : never()),
        () => "retry",
        { minDelayMs: 1, maxDelayMs: 1, maxWaitMs: 4, random: () => 0 },
      ).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "WaiterTimeout" });
    } finally {
      clock.mockRestore();
    }
  });

  it("gives up when the sleep cut to the deadline ends a millisecond early (a timer may), rather than poll for that millisecond", async () => {
    let now = performance.now();
    const clock = vi.spyOn(performance, "now").mockImplementation(() => now);
    let polls = 0;
    try {
      const error = await waitUntil(
        "the thing",
        async () => ++polls,
        () => {
          // The poll took all but 1 ms of the wait: the sleep is cut to that 1 ms; when it has
          // fired, the clock still says 1 ms is left, as after a timer that fired early.
          now += 199;
          return "retry";
        },
        { minDelayMs: 1_000, maxWaitMs: 200 },
      ).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "WaiterTimeout", attempts: 1 });
      expect(polls).toBe(1);
    } finally {
      clock.mockRestore();
    }
  });

  it("still runs the first poll to its end with maxWaitMs 0 (one look, no waiting)", async () => {
    const value = await waitUntil(
      "the thing",
      () => new Promise((resolve) => setTimeout(() => resolve("done"), 30)),
      () => "success",
      { maxWaitMs: 0 },
    );
    expect(value).toBe("done");
  });
});

describe("a step of the wall clock (NTP, a VM resumed) during a wait", () => {
  // Date.now jumps by an hour once the first poll has been made; the wait's timers do not.
  async function waitWithClockStep(stepMs: number) {
    const realNow = Date.now;
    let polls = 0;
    try {
      const waiting = waitUntil(
        "the thing",
        async () => {
          if (++polls === 1) Date.now = () => realNow() + stepMs;
          return "RUNNING";
        },
        () => "retry",
        { minDelayMs: 20, maxDelayMs: 20, maxWaitMs: 1_500, random: () => 0 },
      ).catch((e: unknown) => e);
      const error = await Promise.race([waiting, new Promise((resolve) => setTimeout(() => resolve("still waiting"), 10_000))]);
      return { error, polls };
    } finally {
      Date.now = realNow;
    }
  }

  it("back: the wait still ends at maxWaitMs, not an hour later", async () => {
    const { error, polls } = await waitWithClockStep(-3_600_000);
    expect(error).toMatchObject({ code: "WaiterTimeout" });
    expect(polls).toBeGreaterThan(1);
  });

  it("forward: the wait goes on polling until maxWaitMs, rather than end after the first poll", async () => {
    const { error, polls } = await waitWithClockStep(3_600_000);
    expect(error).toMatchObject({ code: "WaiterTimeout" });
    expect(polls).toBeGreaterThan(1);
  });
});

describe("a wait whose last sleep ends exactly at the deadline", () => {
  it("starts no poll there: WaiterTimeout after the polls made", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date", "performance"] });
    try {
      let polls = 0;
      const waiting = waitUntil(
        "the thing",
        async () => ++polls,
        () => "retry",
        { minDelayMs: 1000, maxDelayMs: 1000, maxWaitMs: 1500, random: () => 0 },
      ).catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(3000);
      const error = await waiting;
      expect(error).toBeInstanceOf(FunctionGraphError);
      expect(error).toMatchObject({ code: "WaiterTimeout", attempts: 2 });
      expect(polls).toBe(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
