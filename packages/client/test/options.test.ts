// Retry, timeout, size and paging options that would turn a limit off, loop for ever or send a bad
// page request (NaN from an unset environment variable, 0 attempts, a fractional page size) are
// refused where they are given, naming the field as the caller wrote it, and nothing is sent.
import { InvalidInputError } from "@fgkit/helpers";
import { describe, expect, it } from "vitest";
import { paginateListFunctions, paginateResourceInstances } from "../src/index.js";
import { createObservedClient } from "./helpers.js";

const fromEnvironment = Number(process.env.FGKIT_UNSET_VARIABLE_FOR_THIS_TEST); // NaN

describe("bad options are refused before any request", () => {
  it.each([
    [{ retry: { maxAttempts: fromEnvironment } }, "retry.maxAttempts: must be a whole number, 1 or more"],
    [{ retry: { baseDelayMs: -100 } }, "retry.baseDelayMs: must be a number of milliseconds, 0 or more"],
    [{ timeout: { attemptTimeoutMs: fromEnvironment } }, "timeout.attemptTimeoutMs: must be a number of milliseconds, 0 or more"],
    [{ timeout: { totalTimeoutMs: -1 } }, "timeout.totalTimeoutMs: must be a number of milliseconds, 0 or more"],
    [{ maxResponseBytes: fromEnvironment }, "maxResponseBytes: must be a whole number, 1 or more"],
  ])("createFunctionGraphClient(%o)", (options, message) => {
    const make = () => createObservedClient(undefined, options);
    expect(make).toThrow(InvalidInputError);
    expect(make).toThrow(message);
  });

  it("client.withOptions(...) checks the same way", () => {
    const { client, requests } = createObservedClient();
    expect(() => client.withOptions({ retry: { maxAttempts: 0 } })).toThrow(
      "retry.maxAttempts: must be a whole number, 1 or more",
    );
    expect(() => client.withOptions({ timeout: { attemptTimeoutMs: Number.NaN } })).toThrow("timeout.attemptTimeoutMs");
    expect(() => client.withOptions(undefined as never)).toThrow("options: must be an object");
    expect(client.withOptions({ retry: { maxAttempts: 1 } })).toHaveProperty("GET");
    expect(requests).toHaveLength(0);
  });

  it("a paginator refuses a bad page size or starting offset when it is made", () => {
    const { client, requests } = createObservedClient();
    for (const pageSize of [0, -1, 2.5, fromEnvironment])
      expect(() => paginateListFunctions({ client, pageSize })).toThrow("pageSize: must be a whole number, 1 or more");
    expect(() => paginateListFunctions({ client, startingToken: "" })).toThrow("startingToken: must not be empty");
    expect(() => paginateResourceInstances({ client, startingToken: "ten" })).toThrow(
      "startingToken: must be an offset, a whole number 0 or more",
    );
    expect(() => paginateListFunctions({ client: undefined as never })).toThrow(
      "client: must be a client from createFunctionGraphClient",
    );
    expect(requests).toHaveLength(0);
  });
});
