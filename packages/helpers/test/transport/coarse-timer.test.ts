// The timers behind attempt timeouts on Node: long ones share a coarse ticker, short ones are precise.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { PRECISE_BELOW_MS, pendingTimers, RESOLUTION_MS, startTimer } from "../../src/transport/coarse-timer.js";
import { LinkedSignal } from "../../src/transport/linked-signal.js";

describe("startTimer", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "performance"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("fires a long timeout once, no earlier than asked and at most one tick late", () => {
    const fire = vi.fn();
    startTimer(60_000, fire);
    vi.advanceTimersByTime(60_000 - 1);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(RESOLUTION_MS + 1);
    expect(fire).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(120_000);
    expect(fire).toHaveBeenCalledTimes(1);
    expect(pendingTimers()).toBe(0);
  });

  it("never fires a cancelled timeout, and forgets it at once", () => {
    const fire = vi.fn();
    const cancel = startTimer(5_000, fire);
    expect(pendingTimers()).toBe(1);
    cancel();
    expect(pendingTimers()).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(fire).not.toHaveBeenCalled();
  });

  it("gives a short timeout its own precise timer", () => {
    const fire = vi.fn();
    startTimer(PRECISE_BELOW_MS - 1_500, fire);
    expect(pendingTimers()).toBe(0);
    vi.advanceTimersByTime(PRECISE_BELOW_MS - 1_501);
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fire).toHaveBeenCalledTimes(1);
  });

  it("stops its ticker once nothing has been pending for a while", () => {
    startTimer(3_000, () => {})();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(RESOLUTION_MS * 10);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("times out an attempt's LinkedSignal with a TimeoutError", () => {
    const signal = new LinkedSignal([], 30_000);
    vi.advanceTimersByTime(30_000 + RESOLUTION_MS);
    expect(signal.timedOut).toBe(true);
    expect((signal.reason as DOMException).name).toBe("TimeoutError");
  });
});
