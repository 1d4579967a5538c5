// A 2xx whose body is no JSON object (a 204, an empty body, `null`, an array: a proxy or a gateway
// that lost the answer) fails paginators and waiters with a FunctionGraphError, never with a
// TypeError from inside, where a page's or a record's fields are read.
import { FunctionGraphError } from "@fgkit/helpers";
import { describe, expect, it } from "vitest";
import {
  paginateListFunctions,
  paginateListWorkflow,
  waitUntilAsyncInvocationFinished,
  waitUntilFunctionApplicationCreated,
  waitUntilWorkflowExecutionFinished,
} from "../src/index.js";
import { createObservedClient, URN } from "./helpers.js";

const ANSWERS: [string, () => Response][] = [
  ["a 204", () => new Response(null, { status: 204, headers: { "x-request-id": "req-1" } })],
  ["an empty 200", () => new Response("", { status: 200, headers: { "x-request-id": "req-1" } })],
  ["a JSON null", () => new Response("null", { headers: { "content-type": "application/json", "x-request-id": "req-1" } })],
  ["a JSON array", () => Response.json([], { headers: { "x-request-id": "req-1" } })],
];

const fast = { minDelayMs: 1, maxDelayMs: 2, maxWaitMs: 2_000 };

const CALLS: [string, (client: ReturnType<typeof createObservedClient>["client"]) => Promise<unknown>][] = [
  ["paginateListFunctions (marker)", (client) => paginateListFunctions({ client }).all()],
  ["paginateListWorkflow (offset)", (client) => paginateListWorkflow({ client }).all()],
  [
    "waitUntilAsyncInvocationFinished",
    (client) => waitUntilAsyncInvocationFinished({ client, ...fast }, { functionUrn: URN, requestId: "r-1" }),
  ],
  [
    "waitUntilFunctionApplicationCreated",
    (client) => waitUntilFunctionApplicationCreated({ client, ...fast }, { applicationId: "a-1" }),
  ],
  [
    "waitUntilWorkflowExecutionFinished",
    (client) => waitUntilWorkflowExecutionFinished({ client, ...fast }, { workflowId: "w-1", executionId: "e-1" }),
  ],
];

describe("a 2xx answer without a JSON object", () => {
  for (const [name, call] of CALLS)
    for (const [answer, respond] of ANSWERS)
      it(`${name}: ${answer} is an InvalidResponseBody error`, async () => {
        const { client } = createObservedClient(respond);
        const error = await call(client).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(FunctionGraphError);
        expect(error).toMatchObject({ code: "InvalidResponseBody", requestId: "req-1", attempts: 1 });
        expect((error as FunctionGraphError).status).toBeGreaterThanOrEqual(200);
        expect((error as Error).message).toMatch(/^GET \/v2\/\S+: the 20\d answer has no JSON object/);
      });
});

describe("a page whose items are no list", () => {
  for (const functions of ["abc", { a: 1 }, 5])
    it(`${JSON.stringify(functions)} is an InvalidResponseBody error, not items made of its characters or an InvalidInputError`, async () => {
      const { client } = createObservedClient(() => Response.json({ functions, count: 3 }));
      const error = await paginateListFunctions({ client })
        .all()
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FunctionGraphError);
      expect(error).toMatchObject({ code: "InvalidResponseBody" });
      expect((error as Error).message).toMatch(/list of items/);
    });
});
