// The Response a call resolves to: built from bytes already read, read as an ordinary one would be.
import { describe, expect, it } from "vitest";
import { FunctionGraphError } from "../../src/index.js";
import { newBufferedResponse } from "../../src/transport/buffered-response.js";
import { bufferedRawAnswer } from "../../src/transport/raw-answer.js";
import { bufferedAnswer } from "../../src/transport/read-body.js";

const bytes = (text: string) => new TextEncoder().encode(text);
const request = () => new Request("https://example.com/v2/p/fgs/functions");
const fromHeaders = (headers: string[]) => {
  const filled = new Headers();
  for (let i = 0; i < headers.length; i += 2) filled.append(headers[i] as string, headers[i + 1] as string);
  return filled;
};

// The same answers built both ways: from a fetch Headers (any transport) and from the raw list the
// Node transport reads (kept raw until needed).
describe.each([
  {
    from: "a Headers",
    answer: (status: number, body: string, headers: string[], method = "GET") =>
      bufferedAnswer({ status, statusText: "", headers: fromHeaders(headers), body: bytes(body) }, method, request, 1),
  },
  {
    from: "a raw header list",
    answer: (status: number, body: string, rawHeaders: string[], method = "GET") =>
      bufferedRawAnswer({ status, statusText: "", rawHeaders, body: bytes(body) }, method, request, 1),
  },
])("the buffered Response from $from", ({ answer }) => {
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
    expect(() => response.clone()).toThrow(TypeError); // as an ordinary Response whose body was read
    const streamed = answer(200, "plain", ["content-type", "text/plain"]);
    expect(await new Response(streamed.body).text()).toBe("plain");
  });

  it("refuses malformed JSON when json() is called, with the headers as they arrived, and keeps its text", async () => {
    const response = answer(200, "{oops", [
      "content-type",
      "application/json",
      "transfer-encoding",
      "chunked",
      "x-request-id",
      "r-1",
    ]);
    const thrown = await response.json().catch((error: unknown) => error);
    expect(FunctionGraphError.isInstance(thrown)).toBe(true);
    // Labelled JSON but read as text (parseAs: "text", invokeFunction): the body as it came.
    expect(await response.text()).toBe("{oops");
    expect(thrown).toMatchObject({
      code: "InvalidResponseBody",
      requestId: "r-1",
      response: { status: 200, headers: { "transfer-encoding": "chunked" }, data: "{oops" },
    });
    // Exactly those: not the Content-Length the buffered Response announces in its place.
    expect((thrown as FunctionGraphError).response?.headers).toEqual({
      "content-type": "application/json",
      "transfer-encoding": "chunked",
      "x-request-id": "r-1",
    });
  });

  it("parses a body not declared JSON only when json() is called", async () => {
    const html = answer(200, "<html>", ["content-type", "text/html"]);
    expect(await html.clone().text()).toBe("<html>");
    await expect(html.json()).rejects.toMatchObject({ code: "InvalidResponseBody" });
  });

  it("has no body for a 204, and keeps an error answer's body", async () => {
    expect(answer(204, "", []).body).toBeNull();
    // A 205 and a 304 have no body either: nothing to read, no length announced.
    for (const status of [205, 304]) {
      const empty = answer(status, "", []);
      expect(empty.body, String(status)).toBeNull();
      expect(empty.headers.has("content-length"), String(status)).toBe(false);
      expect(await empty.text(), String(status)).toBe("");
    }
    const error = answer(500, '{"error_code":"FSS.0500"}', ["content-type", "application/json"]);
    expect(await error.json()).toEqual({ error_code: "FSS.0500" });
  });

  it("keeps a HEAD answer's length as sent", () => {
    const head = answer(200, "", ["Content-Length", "42", "Content-Type", "application/json"], "HEAD");
    expect(head.headers.get("content-length")).toBe("42");
  });

  it("reads headers as a fetch Headers does: any case, repeats joined, sorted and lower-cased when listed", () => {
    const response = answer(200, "{}", ["X-B", "2", "x-a", " one ", "X-A", "two", "Content-Type", "application/json"]);
    expect(response.headers.get("X-a")).toBe("one, two");
    expect(response.headers.has("x-b")).toBe(true);
    expect(response.headers.get("x-missing")).toBeNull();
    expect(() => response.headers.get("bad name")).toThrow(TypeError);
    expect([...response.headers]).toEqual([
      ["content-length", "2"],
      ["content-type", "application/json"],
      ["x-a", "one, two"],
      ["x-b", "2"],
    ]);
    response.headers.set("x-b", "3");
    expect(response.headers.get("x-b")).toBe("3");
    expect(Object.fromEntries(new Headers(response.headers))).toMatchObject({ "x-a": "one, two", "x-b": "3" });
    expect(Object.fromEntries(new Response(null, { headers: response.headers }).headers)).toHaveProperty("x-b", "3");
  });
});

describe("newBufferedResponse", () => {
  it("keeps raw headers raw until they are listed, and shows them when inspected", async () => {
    const { inspect } = await import("node:util");
    const response = newBufferedResponse(bytes("x"), { status: 200 }, ["Set-Cookie", "a=1", "Set-Cookie", "b=2"]);
    expect(response.headers).toBeInstanceOf(Headers);
    expect(response.headers).toBe(response.headers);
    expect(response.headers.getSetCookie()).toEqual(["a=1", "b=2"]);
    expect(inspect(newBufferedResponse(null, { status: 204 }, ["X-Seen", "yes"]).headers)).toContain("yes");
    expect(await response.clone().text()).toBe("x");
  });

  it("is an ordinary Response to anything that checks", () => {
    const response = newBufferedResponse(bytes("x"), { status: 201, statusText: "Created", headers: { a: "b" } });
    expect(response).toBeInstanceOf(Response);
    expect([response.status, response.statusText, response.ok, response.headers.get("a")]).toEqual([201, "Created", true, "b"]);
  });
});
