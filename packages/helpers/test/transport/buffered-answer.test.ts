// The Response a call resolves to: built from bytes already read, read as an ordinary one would be.
import { describe, expect, it } from "vitest";
import { FunctionGraphError } from "../../src/index.js";
import { newBufferedResponse } from "../../src/transport/buffered-response.js";
import { bufferedAnswer } from "../../src/transport/read-body.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const request = () => new Request("https://example.com/v2/p/fgs/functions");
const answer = (status: number, body: string, headers: string[]) =>
  bufferedAnswer({ status, statusText: "", headers, body: bytes(body) }, "GET", request, 1);

describe("the buffered Response", () => {
  it("answers json() with the JSON parsed once, and still reads as text, bytes, a stream or a clone", async () => {
    const response = answer(200, '{"count":1}', ["Content-Type", "application/json", "Transfer-Encoding", "chunked"]);
    expect(response).toBeInstanceOf(Response);
    expect(response.headers.get("content-length")).toBe("11");
    expect(response.headers.has("transfer-encoding")).toBe(false);
    const first = await response.json();
    expect(first).toEqual({ count: 1 });
    expect(await response.json()).toBe(first);
    expect(response.bodyUsed).toBe(false);
    const clone = response.clone();
    expect(await clone.json()).toEqual({ count: 1 });
    expect(await clone.json().catch((error: unknown) => error)).toBeInstanceOf(TypeError); // an ordinary body: read once
    expect(await response.text()).toBe('{"count":1}');
    expect(response.bodyUsed).toBe(true);
    await expect(response.arrayBuffer()).rejects.toThrow(TypeError);
    const streamed = answer(200, "plain", ["content-type", "text/plain"]);
    expect(await new Response(streamed.body).text()).toBe("plain");
  });

  it("refuses malformed JSON at once, with the headers as they arrived", () => {
    let thrown: unknown;
    try {
      answer(200, "{oops", ["content-type", "application/json", "transfer-encoding", "chunked", "x-request-id", "r-1"]);
    } catch (error) {
      thrown = error;
    }
    expect(FunctionGraphError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({
      code: "InvalidResponseBody",
      requestId: "r-1",
      response: { status: 200, headers: { "transfer-encoding": "chunked" }, data: "{oops" },
    });
  });

  it("parses a body not declared JSON only when json() is called", async () => {
    const html = answer(200, "<html>", ["content-type", "text/html"]);
    expect(await html.clone().text()).toBe("<html>");
    await expect(html.json()).rejects.toMatchObject({ code: "InvalidResponseBody" });
  });

  it("has no body for a 204, and keeps an error answer's body", async () => {
    expect(answer(204, "", []).body).toBeNull();
    const error = answer(500, '{"error_code":"FSS.0500"}', ["content-type", "application/json"]);
    expect(await error.json()).toEqual({ error_code: "FSS.0500" });
  });

  it("is an ordinary Response to anything that checks", () => {
    const response = newBufferedResponse(bytes("x"), { status: 201, statusText: "Created", headers: { a: "b" } });
    expect(response).toBeInstanceOf(Response);
    expect([response.status, response.statusText, response.ok, response.headers.get("a")]).toEqual([201, "Created", true, "b"]);
  });
});
