// The draft request class (what fgkit's client hands openapi-fetch as its Request) checks what it is
// constructed with, as an InvalidInputError naming the part, never quoting a header's value.
import { describe, expect, it } from "vitest";
import { draftRequestClass } from "../../src/index.js";
import { DraftRequest } from "../../src/transport/draft-request.js";
import { refusedAtOnce } from "../support/refused.js";

const URL_TEXT = "https://example.com/v2/p/fgs/functions";

describe("DraftRequest's arguments", () => {
  it("holds for the class the package exports on Node (built from the same source)", () => {
    const Exported = draftRequestClass as typeof DraftRequest;
    expect(new Exported(URL_TEXT, null).method).toBe("GET");
    refusedAtOnce(() => new Exported(URL_TEXT, 5 as never), "init");
    refusedAtOnce(() => new Exported("/relative"), "input");
  });

  it("takes a null init as none, as a Request does", () => {
    const draft = new DraftRequest(URL_TEXT, null);
    expect([draft.method, draft.url, draft.signal, draft.bytesNow()]).toEqual(["GET", URL_TEXT, undefined, null]);
    expect(draft.toRequest().method).toBe(new Request(URL_TEXT, null as never).method);
  });

  it.each([[5], ["abc"], [true]])("refuses %j as init", (init) => {
    refusedAtOnce(() => new DraftRequest(URL_TEXT, init as never), "init");
  });

  it.each([[undefined], [null], [5], [{}], ["abc"], ["/v2/p/fgs/functions"], [""]])("refuses %j as input", (input) => {
    refusedAtOnce(() => new DraftRequest(input as never), "input");
  });

  it("does not quote a URL it refuses (it may carry a credential)", () => {
    const error = refusedAtOnce(() => new DraftRequest("no-scheme?token=SECRET-IN-URL"), "input");
    expect(error.message).not.toContain("SECRET-IN-URL");
  });

  it.each([[{}], [5], [["GET"]], ["GE T"], ["TRACE"], ["track"], ["connect"], [""]])("refuses %j as init.method", (method) => {
    refusedAtOnce(() => new DraftRequest(URL_TEXT, { method: method as never }), "init.method");
  });

  it.each([["GET"], ["get"], ["HEAD"]])("refuses a body on %s, naming init.body", (method) => {
    const error = refusedAtOnce(() => new DraftRequest(URL_TEXT, { method, body: "x" }), "init.body");
    expect(error.message).toBe(`init.body: a ${method.toUpperCase()} request has no body`);
  });

  it("refuses a header value fetch would refuse without quoting it", () => {
    const error = refusedAtOnce(
      () => new DraftRequest(URL_TEXT, { headers: { "X-Auth-Token": "SECRET-TOKEN\r\nX-Injected: 1" } }),
      "init.headers",
    );
    expect(`${error.message} ${String(error.cause)}`).not.toContain("SECRET-TOKEN");
  });

  it.each([["abc"], [{}]])("refuses %j as init.signal", (signal) => {
    refusedAtOnce(() => new DraftRequest(URL_TEXT, { signal: signal as never }), "init.signal");
  });

  it("names init for another member fetch refuses", () => {
    refusedAtOnce(() => new DraftRequest(URL_TEXT, { method: "purge", cache: 5 as never }), "init");
  });

  it("still normalises a method as a Request does, and keeps a custom one", () => {
    expect(new DraftRequest(URL_TEXT, { method: "delete" }).method).toBe("DELETE");
    expect(new DraftRequest(URL_TEXT, { method: "purge" }).method).toBe("purge");
    expect(new DraftRequest(new URL(URL_TEXT), { method: "POST", body: "x" }).method).toBe("POST");
  });
});
