// Retry, timeout, size and paging options that would turn a limit off, loop for ever or send a bad
// page request (NaN from an unset environment variable, 0 attempts, a fractional page size) are
// refused where they are given, naming the field as the caller wrote it, and nothing is sent.
import { InvalidInputError } from "@fgkit/helpers";
import { describe, expect, it } from "vitest";
import {
  invokeFunction,
  invokeFunctionAsync,
  paginateListFunctions,
  paginateResourceInstances,
  waitUntilAsyncInvocationFinished,
} from "../src/index.js";
import { createObservedClient, URN } from "./helpers.js";

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

describe("an option the client does not take is refused by name, not ignored", () => {
  it.each([
    [{ maxAttempts: 1 }, "maxAttempts: is not an option: retries are set in retry ({ maxAttempts, ... })"],
    [{ timeoutMs: 5000 }, "timeoutMs: is not an option: timeouts are set in timeout ({ attemptTimeoutMs, totalTimeoutMs })"],
    [{ baseUrl: "https://x.example" }, "baseUrl: is not an option: the base URL is endpoint (or give region)"],
    [
      { retry: { maxRetries: 0 } },
      "retry.maxRetries: is not an option: maxAttempts counts the first attempt too (retries n is maxAttempts n + 1)",
    ],
    [{ retry: { attemptTimeoutMs: 5 } }, "retry.attemptTimeoutMs: is a timeout option: it goes in timeout, beside retry"],
    [
      { timeout: { attemptTimeout: 5 } },
      "timeout.attemptTimeout: is not an option here (the options are attemptTimeoutMs, totalTimeoutMs)",
    ],
    [{ timeout: { maxAttempts: 2 } }, "timeout.maxAttempts: is a retry option: it goes in retry, beside timeout"],
    [
      { regoin: "cn-north-4" },
      "regoin: is not an option here (the options are region, endpoint, allowInsecureHttp, projectId, credentials, fetch, headers, retry, timeout, maxResponseBytes)",
    ],
  ])("createFunctionGraphClient(%o)", (options, message) => {
    const make = () => createObservedClient(undefined, options as never);
    expect(make).toThrow(InvalidInputError);
    expect(make).toThrow(message);
  });

  it("client.withOptions, paginators, invocations and waiters check their options too, and send nothing", async () => {
    const { client, requests } = createObservedClient();
    expect(() => client.withOptions({ maxAttempts: 1 } as never)).toThrow(
      "maxAttempts: is not an option: retries are set in retry ({ maxAttempts, ... })",
    );
    expect(() => client.withOptions({ region: "cn-east-3" } as never)).toThrow("region: is set when the client is created");
    expect(() => client.withOptions({ baseUrl: "https://x.example" } as never)).toThrow(
      "baseUrl: is set when the client is created (endpoint or region)",
    );
    expect(() => client.withOptions({ retryNonIdempotent: true } as never)).toThrow(
      "retryNonIdempotent: is not an option: retries are set in retry ({ maxAttempts, ... })",
    );
    // Inherited keys are not options, here as on createFunctionGraphClient.
    expect(() => client.withOptions(Object.create({ region: "cn-east-3" }))).not.toThrow();
    expect(() => paginateListFunctions({ client, pagesize: 10 } as never)).toThrow(
      "pagesize: is not an option here (the options are client, pageSize, startingToken, signal)",
    );
    await expect(invokeFunction(client, URN, {}, { timeout: 5000 } as never)).rejects.toThrow(
      "timeout: is not an option here (the options are tailLog, instanceMemory, timeoutMs, signal)",
    );
    await expect(invokeFunctionAsync(client, URN, {}, { tailLog: true } as never)).rejects.toThrow(
      "tailLog: is not an option here (the options are instanceMemory, signal)",
    );
    await expect(
      waitUntilAsyncInvocationFinished({ client, timeoutMs: 1000 } as never, { functionUrn: URN, requestId: "r-1" }),
    ).rejects.toThrow("timeoutMs: is not a waiter option: the wait's limit is maxWaitMs");
    expect(requests).toHaveLength(0);
    // What they do take still works.
    await client
      .withOptions({ retry: { maxAttempts: 1 }, timeout: { attemptTimeoutMs: 1000 } })
      .GET("/v2/{project_id}/fgs/quotas");
    expect(requests).toHaveLength(1);
  });
});
