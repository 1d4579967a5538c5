// The helpers built on a client refuse a wrong argument by name, before anything is sent, instead
// of failing later with a TypeError from deep inside ("client.withOptions is not a function").
import { InvalidInputError } from "@fgkit/helpers";
import { describe, expect, it } from "vitest";
import {
  invokeFunction,
  invokeFunctionAsync,
  paginateListFunctions,
  resolveEndpoint,
  startWorkflowExecution,
  waitUntilAsyncInvocationFinished,
  waitUntilWorkflowExecutionFinished,
} from "../src/index.js";
import { createObservedClient, URN } from "./helpers.js";

/** The rejection of `call`, checked to be an InvalidInputError with `message`. */
async function refusal(call: () => Promise<unknown>, message: string): Promise<void> {
  const error = await call().then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as Error).message).toBe(message);
}

const NOT_A_CLIENT = "client: must be a client from createFunctionGraphClient";

describe("arguments of the helpers built on a client", () => {
  it("invoke and start refuse what is not a client, and options that are not an object", async () => {
    const { client, requests } = createObservedClient();
    for (const wrong of [undefined, null, {}, "client", { GET: () => {} }]) {
      await refusal(() => invokeFunction(wrong as never, URN), NOT_A_CLIENT);
      await refusal(() => invokeFunctionAsync(wrong as never, URN), NOT_A_CLIENT);
      await refusal(() => startWorkflowExecution(wrong as never, "flow-1", {}), NOT_A_CLIENT);
    }
    await refusal(() => invokeFunction(client, URN, {}, null as never), "options: must be an object when given");
    await refusal(() => invokeFunctionAsync(client, URN, {}, 5 as never), "options: must be an object when given");
    await refusal(() => startWorkflowExecution(client, "flow-1", {}, "x" as never), "options: must be an object when given");
    expect(requests).toHaveLength(0);
  });

  it("waiters refuse a config without a client and a target without its ids", async () => {
    const { client, requests } = createObservedClient();
    await refusal(
      () => waitUntilAsyncInvocationFinished(undefined as never, { functionUrn: URN, requestId: "r" }),
      "config: must be an object with a client",
    );
    await refusal(
      () => waitUntilWorkflowExecutionFinished({ client: {} } as never, { workflowId: "w", executionId: "e" }),
      NOT_A_CLIENT,
    );
    await refusal(
      () => waitUntilAsyncInvocationFinished({ client }, "request-1" as never),
      "target: must be { functionUrn, requestId }",
    );
    await refusal(
      () => waitUntilAsyncInvocationFinished({ client }, { functionUrn: URN } as never),
      "target.requestId: must be a non-empty string",
    );
    await refusal(
      () => waitUntilWorkflowExecutionFinished({ client }, { workflowId: "w", executionId: "" }),
      "target.executionId: must be a non-empty string",
    );
    expect(requests).toHaveLength(0);
  });

  it("resolveEndpoint refuses what is not an options object", () => {
    expect(() => resolveEndpoint(undefined as never)).toThrow("options: must be { region } or { endpoint }");
    expect(resolveEndpoint({ region: "cn-north-4" })).toBe("https://functiongraph.cn-north-4.myhuaweicloud.com");
  });

  it("a call refuses a path that is not a string, and a signal that is not an AbortSignal", async () => {
    const { client, requests } = createObservedClient();
    await refusal(() => client.GET(undefined as never), "path: must be an API path such as /v2/{project_id}/fgs/functions");
    await refusal(() => client.GET({ url: "/v2" } as never), "path: must be an API path such as /v2/{project_id}/fgs/functions");
    await refusal(() => client.GET("/v2/{project_id}/fgs/functions", { signal: {} as never }), "signal: must be an AbortSignal");
    await refusal(() => invokeFunction(client, URN, {}, { signal: "stop" as never }), "signal: must be an AbortSignal");
    expect(() => paginateListFunctions({ client, signal: { aborted: false } as never })).toThrow(
      "signal: must be an AbortSignal",
    );
    expect(requests).toHaveLength(0);
  });
});
