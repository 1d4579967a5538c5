// Delays past what a timer holds (2^31 - 1 ms, about 24.8 days): a timer given one fires at once, so
// a month-long timeout or wait would end at once. They are waited out in steps instead.
import { afterEach, describe, expect, it, vi } from "vitest";
import { sleep } from "../../src/index.js";
import { MAX_TIMER_MS, setLongTimeout } from "../../src/transport/long-timeout.js";
import { preciseTimer } from "../../src/transport/precise-timer.js";

const MONTH_MS = 30 * 24 * 3600 * 1000;
const realPause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("delays longer than a timer holds", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a month-long precise timeout (the timer of browsers, Deno, Bun) does not fire at once", async () => {
    const fire = vi.fn();
    const cancel = preciseTimer(MONTH_MS, fire);
    await realPause(30);
    expect(fire).not.toHaveBeenCalled();
    cancel();
  });

  it("a month-long sleep does not end at once, and still ends when its signal aborts", async () => {
    const controller = new AbortController();
    let ended = false;
    const sleeping = sleep(MONTH_MS, controller.signal).then(
      () => (ended = true),
      (reason: unknown) => reason,
    );
    await realPause(30);
    expect(ended).toBe(false);
    controller.abort(new Error("stop"));
    expect(await sleeping).toMatchObject({ message: "stop" });
  });

  it("fires once, after the whole delay, however many steps it takes", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const fire = vi.fn();
    setLongTimeout(fire, 2 * MAX_TIMER_MS + 10);
    vi.advanceTimersByTime(2 * MAX_TIMER_MS + 9);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(MONTH_MS);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it("is cancelled in any of its steps", () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const fire = vi.fn();
    const cancel = setLongTimeout(fire, MAX_TIMER_MS + 10);
    vi.advanceTimersByTime(MAX_TIMER_MS + 1);
    cancel();
    vi.advanceTimersByTime(MONTH_MS);
    expect(fire).not.toHaveBeenCalled();
  });
});
