// DraftRequest (a call's parts before any Request is built) and LinkedSignal (an attempt's end).
import { describe, expect, it } from "vitest";
import { withRetry } from "../../src/index.js";
import { DraftRequest } from "../../src/transport/draft-request.js";
import { LinkedSignal } from "../../src/transport/linked-signal.js";

describe("DraftRequest", () => {
  it("holds what a Request would, and builds the same Request", async () => {
    const draft = new DraftRequest("https://example.com/a?b=1", { method: "POST", headers: { "X-A": "1" }, body: '{"x":1}' });
    expect([draft.url, draft.method, draft.headers.get("x-a"), draft.signal]).toEqual([
      "https://example.com/a?b=1",
      "POST",
      "1",
      undefined,
    ]);
    expect(draft.bytesNow()).toEqual(new TextEncoder().encode('{"x":1}'));
    const request = draft.toRequest();
    expect([request.url, request.method, request.headers.get("x-a"), await request.text()]).toEqual([
      draft.url,
      "POST",
      "1",
      '{"x":1}',
    ]);
  });

  it("builds its Request with its headers as they are now (set after it was made, as signing does)", () => {
    const draft = new DraftRequest("https://example.com/", { method: "POST", headers: { "X-A": "1" }, body: "x" });
    draft.headers.set("Authorization", "SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-a, Signature=00");
    expect(draft.toRequest().headers.get("authorization")).toBe("SDK-HMAC-SHA256 Access=AK, SignedHeaders=x-a, Signature=00");
  });

  it("refuses what a Request refuses, and normalises what it normalises", () => {
    expect(() => new DraftRequest("https://example.com/", { method: "TRACE" })).toThrow(TypeError);
    expect(() => new DraftRequest("https://example.com/", { method: "GET", body: "x" })).toThrow(TypeError);
    expect(() => new DraftRequest("not a url")).toThrow(TypeError);
    expect(new DraftRequest("https://example.com/", { method: "get" }).method).toBe("GET");
  });

  it("reaches a custom transport as a real Request", async () => {
    const seen: unknown[] = [];
    const fetch = withRetry(async (request) => {
      seen.push(request);
      return new Response(await request.text(), { status: 200 });
    });
    const response = await fetch(new DraftRequest("https://example.com/", { method: "PUT", body: "hi" }) as unknown as Request);
    expect(seen[0]).toBeInstanceOf(Request);
    expect(await response.text()).toBe("hi");
  });
});

describe("LinkedSignal", () => {
  it("aborts with the first parent's reason, and its signal is made aborted if asked for late", () => {
    const parent = new AbortController();
    const linked = new LinkedSignal([undefined, parent.signal]);
    let heard = 0;
    linked.onAbort(() => heard++);
    parent.abort("why");
    expect([linked.aborted, linked.reason, linked.timedOut, heard]).toEqual([true, "why", false, 1]);
    expect(linked.signal.aborted).toBe(true);
    expect(linked.signal.reason).toBe("why");
  });

  it("keeps the first reason, and runs a listener added after the abort at once", () => {
    const first = new AbortController();
    const second = new AbortController();
    const linked = new LinkedSignal([first.signal, second.signal]);
    first.abort("first");
    linked.abort("later");
    expect(linked.reason).toBe("first");
    let heard = 0;
    linked.onAbort(() => heard++);
    expect(heard).toBe(1);
  });

  it("times out with a TimeoutError, and release() stops the timer and the listening", async () => {
    const timed = new LinkedSignal([], 10);
    const signal = timed.signal;
    await new Promise((resolve) => signal.addEventListener("abort", resolve));
    expect(timed.timedOut).toBe(true);
    expect((timed.reason as DOMException).name).toBe("TimeoutError");

    const parent = new AbortController();
    const released = new LinkedSignal([parent.signal], 10);
    released.release();
    parent.abort();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(released.aborted).toBe(false);
  });
});
