// The entry points of @fgkit/helpers refuse a wrong argument by name, instead of failing later with
// a TypeError from inside ("Cannot read properties of undefined").
import { describe, expect, it } from "vitest";
import {
  fetchEcsAccessKeys,
  fetchIamToken,
  formatSdkDate,
  InvalidInputError,
  resolveCredentials,
  signRequest,
  unwrap,
  waitUntil,
  withAuth,
  withRetry,
} from "../../src/index.js";

const fetch = async () => new Response("{}");
const auth = resolveCredentials({ ak: "AK", sk: "SK" });

function thrown(call: () => unknown): unknown {
  try {
    const value = call();
    return value instanceof Promise ? value : undefined;
  } catch (error) {
    return error;
  }
}

async function refusal(call: () => unknown, message: string): Promise<void> {
  let error = thrown(call);
  if (error instanceof Promise)
    error = await error.then(
      () => undefined,
      (rejected: unknown) => rejected,
    );
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as Error).message).toBe(message);
}

describe("arguments of the helpers' entry points", () => {
  it("the transport layers", async () => {
    await refusal(() => withRetry(undefined as never), "next: must be a fetch function (request: Request) => Promise<Response>");
    await refusal(() => withRetry(fetch, null as never), "options: must be an object");
    await refusal(
      () => withAuth("fetch" as never, auth),
      "next: must be a fetch function (request: Request) => Promise<Response>",
    );
    await refusal(
      () => withAuth(fetch, { ak: "AK", sk: "SK" } as never),
      "auth: must be the result of resolveCredentials(credentials)",
    );
    await refusal(() => withAuth(fetch, auth, null as never), "options: must be an object");
  });

  it("signing", async () => {
    await refusal(() => signRequest("https://example.com" as never, { ak: "AK", sk: "SK" }), "request: must be a Request");
    await refusal(() => formatSdkDate("2024-01-01" as never), "date: must be a valid Date");
    await refusal(() => formatSdkDate(new Date(Number.NaN)), "date: must be a valid Date");
    expect(formatSdkDate(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)))).toBe("20240102T030405Z");
  });

  it("unwrap and waitUntil", async () => {
    await refusal(() => unwrap(undefined as never), "call: must be a client call's { data, error, response }, or its promise");
    await refusal(
      () => unwrap(Promise.resolve({ data: 1 }) as never),
      "call: must be a client call's { data, error, response }, or its promise",
    );
    expect(await unwrap({ data: 7, response: new Response("7") })).toBe(7);
    await refusal(
      () => waitUntil("x", undefined as never, () => "success"),
      "poll: must be a function (signal) => Promise<value>",
    );
    await refusal(
      () => waitUntil("x", async () => 1, "done" as never),
      'check: must be a function (value) => "success" | "failure" | "retry"',
    );
    await refusal(
      () =>
        waitUntil(
          "x",
          async () => 1,
          () => "success",
          null as never,
        ),
      "options: must be an object",
    );
    await refusal(
      () =>
        waitUntil(
          "x",
          async () => 1,
          () => "success",
          { random: 0.5 as never },
        ),
      "random: must be a function returning a number in [0, 1)",
    );
  });

  it("the token and key fetchers", async () => {
    await refusal(() => fetchIamToken(undefined as never), "options: must be an object");
    await refusal(() => fetchEcsAccessKeys(null as never), "options: must be an object");
  });
});
