// What the official Node SDK (3.1.211) hands back, as the README's migration section describes it: the
// answer's JSON as a plain object with the API's field names (the camelCase getters its types declare
// read undefined), httpStatusCode added, and its errors' fields. Should a newer SDK change this, the
// section's advice changes with it.

import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const core = require("@huaweicloud/huaweicloud-sdk-core");
const fg = require("@huaweicloud/huaweicloud-sdk-functiongraph");

type Answer = { status: number; headers: Record<string, string>; body: unknown };
let answer: Answer;
let sentHeaders: Record<string, string | string[] | undefined> = {};
const server = createServer((req, res) => {
  sentHeaders = req.headers;
  req.resume();
  req.on("end", () =>
    res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers }).end(JSON.stringify(answer.body)),
  );
});

type Method = (request: object) => Promise<Record<string, unknown>>;
let client: Record<string, Method>;
const call = (name: string, request: object) => (client[name] as Method)(request);
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const credentials = new core.BasicCredentials().withAk("HPUAPARITYTESTAK0001").withSk("secret").withProjectId("p1");
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  client = fg.FunctionGraphClient.newBuilder().withCredential(credentials).withEndpoint(endpoint).build();
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

it("answers with the API's JSON as it is: snake_case fields, the camelCase getters undefined", async () => {
  answer = { status: 200, headers: {}, body: { functions: [{ func_name: "hello", runtime: "Node.js20.15" }], next_marker: 2 } };
  const page = await call("listFunctions", new fg.ListFunctionsRequest().withMaxitems("100"));
  expect(page).not.toBeInstanceOf(fg.ListFunctionsResponse);
  expect(page).toEqual({ ...(answer.body as object), httpStatusCode: 200 });
  const fn = (page.functions as Record<string, unknown>[])[0];
  expect([fn?.funcName, fn?.func_name, fn?.runtime]).toEqual([undefined, "hello", "Node.js20.15"]);
  expect([page.nextMarker, page.next_marker]).toEqual([undefined, 2]);
});

it("sends neither X-CFF-Request-Version nor X-Cff-Log-Type unless told, and reads requestId as undefined", async () => {
  answer = { status: 200, headers: { "x-cff-request-id": "r1" }, body: { request_id: "r1", result: "{}", log: "", status: 200 } };
  const out = await call("invokeFunction", new fg.InvokeFunctionRequest().withFunctionUrn("urn").withBody({}));
  expect([sentHeaders["x-cff-request-version"], sentHeaders["x-cff-log-type"]]).toEqual([undefined, undefined]);
  expect([out.requestId, out.request_id, out["X-Cff-Request-Id"]]).toEqual([undefined, "r1", "r1"]);
});

it("throws a ClientRequestException with errorMsg the API's own text, and a RequiredError synchronously", async () => {
  answer = { status: 404, headers: { "x-request-id": "q1" }, body: { error_code: "FSS.1051", error_msg: "not found" } };
  const error = await call("listFunctions", new fg.ListFunctionsRequest()).catch((e: unknown) => e);
  expect(error).toMatchObject({ name: "ClientRequestException", httpStatusCode: 404, errorCode: "FSS.1051" });
  expect(error).toMatchObject({ errorMsg: "not found", message: "not found", requestId: "q1" });
  expect(() => call("showFunctionConfig", new fg.ShowFunctionConfigRequest())).toThrow(
    expect.objectContaining({ name: "RequiredError", field: "functionUrn" }),
  );
});
