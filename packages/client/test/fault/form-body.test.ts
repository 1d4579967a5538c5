// A body that is not JSON (FormData with its own bodySerializer) keeps the Content-Type it implies on
// the Node transport (where the client sends no Request) as over fetch: the multipart boundary, not
// the application/json every other request gets.
import { describe, expect, it } from "vitest";
import { json } from "./scripted-server.js";
import { clientFor, useScriptedServer } from "./setup.js";

const server = useScriptedServer();

describe("a FormData body", () => {
  it.each([
    ["the Node transport", undefined],
    ["a fetch transport", (request: Request) => fetch(request)],
  ])("goes out as multipart/form-data with its boundary over %s", async (_, transport) => {
    server.current.script(json(200, {}));
    const form = new FormData();
    form.append("name", "hello");
    const client = clientFor(server.current.url, transport ? { fetch: transport } : {});
    await client.POST("/v2/{project_id}/fgs/functions/{function_urn}/invocations", {
      params: { path: { function_urn: "urn:fss:cn-north-4:p:function:default:hello:latest" } },
      body: form as never,
      bodySerializer: (body: unknown) => body as never,
    });
    const [request] = server.current.requests;
    const contentType = String(request?.headers["content-type"]);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(request?.body).toContain('name="name"');
    expect(request?.body).toContain(contentType.split("boundary=")[1]);
  });
});
