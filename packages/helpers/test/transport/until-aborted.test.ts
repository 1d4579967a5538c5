// untilAborted bounds a wait fgkit does not control (a token provider, a token refresh) by an attempt's end.
import { getEventListeners } from "node:events";
import { describe, expect, it } from "vitest";
import { LinkedSignal } from "../../src/transport/linked-signal.js";
import { untilAborted } from "../../src/transport/until-aborted.js";

describe("untilAborted", () => {
  it("passes a value or a settled promise through, and leaves no listener on the caller's signal", async () => {
    const controller = new AbortController();
    expect(await untilAborted("token", controller.signal)).toBe("token");
    expect(await untilAborted(Promise.resolve("later"), controller.signal)).toBe("later");
    await expect(untilAborted(Promise.reject(new Error("IAM down")), controller.signal)).rejects.toThrow("IAM down");
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("rejects with the signal's reason when it aborts first, or at once when it already has", async () => {
    const controller = new AbortController();
    const never = new Promise<string>(() => {});
    const waiting = untilAborted(never, controller.signal);
    const reason = new Error("user gave up");
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    await expect(untilAborted(never, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it("leaves no unhandled rejection behind when the signal had aborted before and the wait fails later", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      let fail: (error: Error) => void = () => {};
      const refresh = new Promise<string>((_, reject) => {
        fail = reject;
      });
      await expect(untilAborted(refresh, AbortSignal.abort(new Error("attempt over")))).rejects.toThrow("attempt over");
      fail(new Error("refresh stopped")); // the refresh nobody waits for now ends badly
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("ends with an attempt's LinkedSignal: its timer, with a TimeoutError", async () => {
    const attempt = new LinkedSignal([], 30);
    const error = await untilAborted(new Promise<string>(() => {}), attempt).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TimeoutError" });
    expect(attempt.timedOut).toBe(true);
  });
});
