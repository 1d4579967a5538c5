// A misspelt option of a helpers entry point (`refreshMarginMs`, `timeout` for `timeoutMs`) is
// refused by name, before anything is fetched, instead of being ignored without a word.
import { describe, expect, it } from "vitest";
import {
  checkKnownOptions,
  computeSignature,
  createAccessKeyProvider,
  createTokenProvider,
  fetchEcsAccessKeys,
  fetchIamToken,
  InvalidInputError,
  paginate,
  resolveCredentials,
  signRequest,
  withAuth,
} from "../../src/index.js";

const neverCalled = async (): Promise<never> => {
  throw new Error("nothing may be fetched");
};

describe("option names", () => {
  it("checkKnownOptions names the key, with a hint for a known mistake or the list of options", () => {
    expect(() => checkKnownOptions("config", { a: 1, b: 2 }, ["a", "b"])).not.toThrow();
    expect(() => checkKnownOptions("config", { c: 1 }, ["a", "b"])).toThrow(
      "config.c: is not an option here (the options are a, b)",
    );
    expect(() => checkKnownOptions("", { c: 1 }, ["a"], { c: "goes elsewhere" })).toThrow(/^c: goes elsewhere$/);
    expect(() => checkKnownOptions("", { toString: 1 }, ["a"])).toThrow("toString: is not an option here");
    expect(() => checkKnownOptions("x", { a: 1 }, "a" as never)).toThrow(InvalidInputError);
  });

  it("the providers, IAM, the metadata service, withAuth and paginate refuse a key they do not take", async () => {
    expect(() => createTokenProvider({ fetchToken: neverCalled, refreshMarginMs: 5 } as never)).toThrow(
      "refreshMarginMs: is not an option here (the options are fetchToken, refreshBeforeMs, fetchTimeoutMs, now)",
    );
    expect(() => createAccessKeyProvider({ fetchKeys: neverCalled, fetchToken: neverCalled } as never)).toThrow(
      "fetchToken: is not an option here (the options are fetchKeys, refreshBeforeMs, fetchTimeoutMs, now)",
    );
    const iam = { region: "cn-north-4", username: "u", password: "p", domainName: "d", projectId: "p1", fetch: neverCalled };
    await expect(fetchIamToken({ ...iam, endpoint: "https://iam.example" } as never)).rejects.toThrow(
      "endpoint: is not an option: IAM's endpoint is iamEndpoint",
    );
    await expect(fetchIamToken({ ...iam, timeout: 5 } as never)).rejects.toThrow("timeout: is not an option here");
    await expect(fetchEcsAccessKeys({ fetch: neverCalled, timeout: 5 } as never)).rejects.toThrow(
      "timeout: is not an option here (the options are endpoint, fetch, signal, timeoutMs)",
    );
    expect(() => withAuth(neverCalled, resolveCredentials({ token: "t" }), { projectID: "p" } as never)).toThrow(
      "projectID: is not an option here (the options are projectId, clockOffset, contentType)",
    );
    const input = { method: "GET", url: new URL("https://functiongraph.cn-north-4.myhuaweicloud.com/v2"), headers: [] };
    await expect(computeSignature(input, { ak: "AK", sk: "SK" }, { now: new Date() } as never)).rejects.toThrow(
      "now: is not an option: the signing time is date",
    );
    await expect(
      signRequest(new Request("https://functiongraph.cn-north-4.myhuaweicloud.com/v2"), { ak: "AK", sk: "SK" }, {
        at: 1,
      } as never),
    ).rejects.toThrow("at: is not an option here (the options are date)");
    expect(() => paginate({ fetchPage: neverCalled, items: () => [], next: () => undefined, startingToken: 1 } as never)).toThrow(
      "startingToken: is not an option here (the options are start, fetchPage, items, next, signal, firstPageCursor, isRepeat, what)",
    );
  });
});
