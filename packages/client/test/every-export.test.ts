// Every function @fgkit/client exports, called with a wrong value in each argument position in turn
// (the others right), either works or refuses it with an InvalidInputError before anything is sent:
// never a TypeError from inside. The table must name every export, so a new one is probed too.
// (@fgkit/helpers' own exports, re-exported here, are probed in that package.)
import { InvalidInputError } from "@fgkit/helpers";
import { describe, expect, it } from "vitest";
import * as exported from "../src/index.js";
import { createObservedClient, URN } from "./helpers.js";

const { client, requests } = createObservedClient();
const waiter = { client, maxWaitMs: 50, minDelayMs: 5 };

/** Right arguments for each export; the probe puts a wrong value in one position at a time. */
const CASES: Record<string, unknown[] | string> = {
  accessKeysFromEnv: "from @fgkit/helpers",
  createAccessKeyProvider: "from @fgkit/helpers",
  createRetryQuota: "from @fgkit/helpers",
  createTokenProvider: "from @fgkit/helpers",
  fetchEcsAccessKeys: "from @fgkit/helpers",
  fetchIamToken: "from @fgkit/helpers",
  createFunctionGraphClient: [{ region: "cn-north-4", projectId: "p", credentials: { ak: "AK", sk: "SK" } }],
  invokeFunction: [client, URN, { a: 1 }, { timeoutMs: 1000 }],
  invokeFunctionAsync: [client, URN, { a: 1 }, {}],
  paginateListActiveAsyncInvocations: [{ client }, { functionUrn: URN }],
  paginateListAppTemplates: [{ client }],
  paginateListAsyncInvocations: [{ client }, { functionUrn: URN }],
  paginateListDependencies: [{ client }],
  paginateListDependencyVersion: [{ client }, { dependId: "d" }],
  paginateListFunctionApplications: [{ client }],
  paginateListFunctionAsyncInvokeConfig: [{ client }, { functionUrn: URN }],
  paginateListFunctionReservedInstances: [{ client }],
  paginateListFunctionTemplate: [{ client }],
  paginateListFunctionVersions: [{ client }, { functionUrn: URN }],
  paginateListFunctions: [{ client }],
  paginateListReservedInstanceConfigs: [{ client }],
  paginateListWorkflow: [{ client }],
  paginateListWorkflowExecutions: [{ client }, { workflowId: "w" }],
  paginateResourceInstances: [{ client }, { resourceType: "functions", body: {} }],
  paginateShowWorkflowExecutionForPage: [{ client }, { workflowId: "w" }],
  resolveEndpoint: [{ region: "cn-north-4" }],
  signRequest: "from @fgkit/helpers",
  startSyncWorkflowExecution: [client, "w", {}, {}],
  startWorkflowExecution: [client, "w", {}, {}],
  unwrap: "from @fgkit/helpers",
  waitUntilAsyncInvocationFinished: [waiter, { functionUrn: URN, requestId: "r" }],
  waitUntilFunctionApplicationCreated: [waiter, { applicationId: "app-1" }],
  waitUntilWorkflowExecutionFinished: [waiter, { workflowId: "w", executionId: "e" }],
};

const WRONG: unknown[] = [undefined, null, 0, Number.NaN, "", "x", {}, [], () => 1];
const show = (value: unknown) => (typeof value === "function" ? "a function" : (JSON.stringify(value) ?? "undefined"));

/** What a call came to: "ok" (returned, resolved, or a paginator walked to its end), or what it threw. */
async function outcome(call: () => unknown): Promise<unknown> {
  try {
    const value = call();
    if (value && typeof (value as Promise<unknown>).then === "function") await value;
    if (value && typeof (value as { all?: unknown }).all === "function") await (value as { all: () => Promise<unknown> }).all();
    return "ok";
  } catch (error) {
    return error;
  }
}

/**
 * A failure that is not a crash: a refusal, a waiter's verdict on the observed client's `{}`, or a
 * helper's refusal of that `{}` as an answer without the id it returns.
 */
const expected = (error: unknown) =>
  error instanceof InvalidInputError ||
  (exported.FunctionGraphError.isInstance(error) &&
    (error.code === "WaiterTimeout" || error.code === "WaiterFailure" || error.code === "InvalidResponseBody"));

describe("every export of @fgkit/client, given a wrong argument", () => {
  const functions = Object.entries(exported).filter(([name, value]) => typeof value === "function" && /^[a-z]/.test(name));

  it("is in the table (so it is probed)", () => {
    expect(functions.map(([name]) => name).sort()).toEqual(Object.keys(CASES).sort());
  });

  for (const [name, fn] of functions) {
    const args = CASES[name];
    if (args === undefined || typeof args === "string") continue;
    it(`${name}: works or throws InvalidInputError, and a refused call sends nothing`, async () => {
      const call = (values: unknown[]) => outcome(() => (fn as (...args: unknown[]) => unknown)(...values));
      const right = await call(args);
      expect(right === "ok" || expected(right) ? "ok" : right, `${name} with right arguments`).toBe("ok");
      const problems: string[] = [];
      for (let position = 0; position < args.length; position++) {
        for (const wrong of WRONG) {
          const values = [...args];
          values[position] = wrong;
          const sentBefore = requests.length;
          const result = await call(values);
          const label = `argument ${position + 1} ${show(wrong)}`;
          if (result !== "ok" && !expected(result)) problems.push(`${label}: ${String(result)}`);
          if (result instanceof InvalidInputError && requests.length !== sentBefore)
            problems.push(`${label}: refused after sending`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
