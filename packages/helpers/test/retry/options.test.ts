// Option values that would silently turn a limit off or loop for ever (NaN from an unset environment
// variable, a negative delay, a fractional count) are refused, naming the field, before any request.
import { describe, expect, it } from "vitest";
import {
  InvalidInputError,
  resolveMaxResponseBytes,
  resolveRetryOptions,
  resolveTimeoutOptions,
  waitUntil,
  withRetry,
} from "../../src/index.js";

const neverCalled = async (): Promise<Response> => {
  throw new Error("no request may be sent");
};

describe("retry, timeout and size options", () => {
  it("resolve to the documented defaults", () => {
    expect(resolveRetryOptions()).toMatchObject({
      maxAttempts: 3,
      baseDelayMs: 100,
      throttlingBaseDelayMs: 500,
      maxDelayMs: 20_000,
      maxRetryAfterMs: 20_000,
      retryNonIdempotent: false,
    });
    expect([...resolveRetryOptions().retryableStatuses]).toEqual([429, 500, 502, 503, 504]);
    expect(resolveTimeoutOptions()).toEqual({ attemptTimeoutMs: 60_000, totalTimeoutMs: 0 });
    expect(resolveMaxResponseBytes(undefined)).toBe(64 * 1024 * 1024);
    expect(resolveMaxResponseBytes(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it.each([
    [{ maxAttempts: Number.NaN }, "retry.maxAttempts: must be a whole number, 1 or more"],
    [{ maxAttempts: 0 }, "retry.maxAttempts: must be a whole number, 1 or more"],
    [{ maxAttempts: 2.5 }, "retry.maxAttempts: must be a whole number, 1 or more"],
    [{ maxAttempts: Number.POSITIVE_INFINITY }, "retry.maxAttempts: must be a whole number, 1 or more"],
    [{ baseDelayMs: Number.NaN }, "retry.baseDelayMs: must be a number of milliseconds, 0 or more"],
    [{ throttlingBaseDelayMs: -1 }, "retry.throttlingBaseDelayMs: must be a number of milliseconds, 0 or more"],
    [{ maxDelayMs: Number.POSITIVE_INFINITY }, "retry.maxDelayMs: must be a number of milliseconds, 0 or more"],
    [{ maxRetryAfterMs: "20" }, "retry.maxRetryAfterMs: must be a number of milliseconds, 0 or more"],
    [{ retryableStatuses: [500, 99] }, "retry.retryableStatuses: must be an array of HTTP statuses (100 to 599)"],
    [{ retryableStatuses: [503, 600] }, "retry.retryableStatuses: must be an array of HTTP statuses (100 to 599)"],
    [{ retryableStatuses: [502.5] }, "retry.retryableStatuses: must be an array of HTTP statuses (100 to 599)"],
    [{ retryNonIdempotent: "yes" }, "retry.retryNonIdempotent: must be true or false"],
    [{ random: 0.5 }, "retry.random: must be a function returning a number in [0, 1)"],
    [{ onRetry: "log" }, "retry.onRetry: must be a function ({ error, attempt, delayMs }) => void"],
  ])("refuses the retry option %o", (options, message) => {
    const check = () => resolveRetryOptions(options as never, "retry");
    expect(check).toThrow(InvalidInputError);
    expect(check).toThrow(message);
  });

  it("refuses bad timeouts and size limits, naming the field", () => {
    expect(() => resolveTimeoutOptions({ attemptTimeoutMs: Number.NaN }, "timeout")).toThrow(
      "timeout.attemptTimeoutMs: must be a number of milliseconds, 0 or more",
    );
    expect(() => resolveTimeoutOptions({ totalTimeoutMs: -5 })).toThrow(
      "totalTimeoutMs: must be a number of milliseconds, 0 or more",
    );
    expect(() => resolveRetryOptions(null as never, "retry")).toThrow("retry: must be an object");
    // As other clients take them: the message says what this one takes instead.
    for (const given of [false, 3])
      expect(() => resolveRetryOptions(given as never, "retry")).toThrow(
        "retry: must be an object such as { maxAttempts: 5 } (no retries: { maxAttempts: 1 })",
      );
    expect(() => resolveTimeoutOptions(5000 as never, "timeout")).toThrow(
      "timeout: must be an object: { attemptTimeoutMs, totalTimeoutMs }, each in ms",
    );
    for (const bytes of [Number.NaN, 0, -1, 1.5])
      expect(() => resolveMaxResponseBytes(bytes)).toThrow("maxResponseBytes: must be a whole number, 1 or more");
  });

  it("withRetry refuses them when it is made, before any request", () => {
    expect(() => withRetry(neverCalled, { maxAttempts: Number.NaN })).toThrow("maxAttempts: must be a whole number, 1 or more");
    expect(() => withRetry(neverCalled, { attemptTimeoutMs: -1 })).toThrow("attemptTimeoutMs: must be a number of milliseconds");
    expect(() => withRetry(neverCalled, { maxResponseBytes: Number.NaN })).toThrow("maxResponseBytes: must be a whole number");
  });

  it("waitUntil refuses a NaN or negative delay or deadline before its first poll", async () => {
    let polls = 0;
    const poll = async () => ++polls;
    for (const [options, message] of [
      [{ maxWaitMs: Number.NaN }, "maxWaitMs: must be a number of milliseconds, 0 or more"],
      [{ minDelayMs: -1 }, "minDelayMs: must be a number of milliseconds, 0 or more"],
      [{ maxDelayMs: Number.NaN }, "maxDelayMs: must be a number of milliseconds, 0 or more"],
      // Every delay doubles the first: from 0 they would all be 0, polling without a pause.
      [{ minDelayMs: 0 }, "minDelayMs: must be more than 0 ms: each delay doubles the one before"],
    ] as const)
      await expect(waitUntil("the thing", poll, () => "retry", options)).rejects.toThrow(message);
    expect(polls).toBe(0);
  });
});

describe("option names", () => {
  it("a key the options do not take is refused, with where it belongs when it is a known mistake", () => {
    expect(() => resolveRetryOptions({ maxRetries: 2 } as never, "retry")).toThrow(
      "retry.maxRetries: is not an option: maxAttempts counts the first attempt too (retries n is maxAttempts n + 1)",
    );
    expect(() => resolveRetryOptions({ maxAtempts: 2 } as never)).toThrow(
      "maxAtempts: is not an option here (the options are maxAttempts, baseDelayMs, throttlingBaseDelayMs, maxDelayMs, maxRetryAfterMs, retryableStatuses, retryNonIdempotent, random, onRetry, retryQuota)",
    );
    expect(() => resolveTimeoutOptions({ timeoutMs: 5 } as never, "timeout")).toThrow(
      "timeout.timeoutMs: is not an option: say which timeout, attemptTimeoutMs (each attempt) or totalTimeoutMs (the call)",
    );
    expect(() => resolveTimeoutOptions({ ms: 5 } as never, "timeout")).toThrow(
      "timeout.ms: is not an option here (the options are attemptTimeoutMs, totalTimeoutMs)",
    );
    expect(() => resolveRetryOptions({ maxRetries: 2 } as never)).toThrow(InvalidInputError);
  });

  it("withRetry takes retry, timeout and its own options in one object, and nothing else", () => {
    expect(() =>
      withRetry(neverCalled, {
        maxAttempts: 2,
        attemptTimeoutMs: 5,
        clock: { offsetMs: 0 },
        maxResponseBytes: 10,
        onUnauthorized: () => false,
      }),
    ).not.toThrow();
    expect(() => withRetry(neverCalled, { retries: 2 } as never)).toThrow(
      "retries: is not an option: maxAttempts counts the first attempt too (retries n is maxAttempts n + 1)",
    );
    expect(() => withRetry(neverCalled, { deadlineMs: 2 } as never)).toThrow(
      /^deadlineMs: is not an option here \(the options are maxAttempts, .*, attemptTimeoutMs, totalTimeoutMs, clock, maxResponseBytes, onUnauthorized\)$/,
    );
  });

  it("waitUntil refuses an option it does not take before its first poll", async () => {
    let polls = 0;
    const poll = async () => ++polls;
    await expect(waitUntil("x", poll, () => "success", { timeoutMs: 5 } as never)).rejects.toThrow(
      "timeoutMs: is not a waiter option: the wait's limit is maxWaitMs",
    );
    await expect(waitUntil("x", poll, () => "success", { interval: 5 } as never)).rejects.toThrow(
      "interval: is not an option here (the options are minDelayMs, maxDelayMs, maxWaitMs, signal, random)",
    );
    expect(polls).toBe(0);
  });
});
