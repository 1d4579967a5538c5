import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { errorFromResponse, FunctionGraphError, InvalidInputError, redactHeaders, redactUrl, unwrap } from "../../src/index.js";

const request = () =>
  new Request("https://functiongraph.cn-north-4.myhuaweicloud.com/v2/p/fgs/functions?marker=1", {
    headers: {
      Authorization: "SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=host;x-sdk-date, Signature=abcdef0123456789",
      "X-Auth-Token": "secret-token",
      "X-Security-Token": "secret-sts",
      "X-Project-Id": "p",
    },
  });

describe("FunctionGraphError", () => {
  it("reads error_code / error_msg, the request id, and redacts secrets on a copy", () => {
    const original = request();
    const response = Response.json({}, { status: 404, headers: { "X-Request-Id": "rid-9" } });
    const error = errorFromResponse(original, response, { error_code: "FSS.0404", error_msg: "function not found" }, 2);
    expect(error).toBeInstanceOf(FunctionGraphError);
    expect(error).toMatchObject({ name: "FunctionGraphError", status: 404, code: "FSS.0404", requestId: "rid-9", attempts: 2 });
    expect(error.message).toBe("GET /v2/p/fgs/functions failed with 404 FSS.0404: function not found");
    expect(error.request?.headers).toEqual({
      authorization: "SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=host;x-sdk-date, Signature=[REDACTED]",
      "x-auth-token": "[REDACTED]",
      "x-security-token": "[REDACTED]",
      "x-project-id": "p",
    });
    expect(original.headers.get("x-auth-token")).toBe("secret-token");
    expect(error.response?.data).toEqual({ error_code: "FSS.0404", error_msg: "function not found" });
  });

  it("serialises with its message for structured logs, secrets still redacted", () => {
    const response = Response.json({}, { status: 404, headers: { "X-Request-Id": "rid-9" } });
    const error = errorFromResponse(request(), response, { error_code: "FSS.0404", error_msg: "function not found" });
    const logged = JSON.parse(JSON.stringify({ error })).error;
    expect(logged).toMatchObject({
      name: "FunctionGraphError",
      message: "GET /v2/p/fgs/functions failed with 404 FSS.0404: function not found",
      status: 404,
      code: "FSS.0404",
      requestId: "rid-9",
      attempts: 1,
      response: { status: 404, data: { error_code: "FSS.0404", error_msg: "function not found" } },
    });
    expect(logged.request.headers["x-auth-token"]).toBe("[REDACTED]");
    expect(JSON.stringify(error)).not.toContain("secret-token");
  });

  it("takes a numeric error code (IAM's, the status again) as no API code", () => {
    const error = errorFromResponse(request(), new Response(null, { status: 401 }), {
      error: { code: 401, title: "Unauthorized", message: "The username or password is wrong." },
    });
    expect(error.code).toBeUndefined();
    expect(error.message).toBe("GET /v2/p/fgs/functions failed with 401: The username or password is wrong.");
  });

  it("InvalidInputError: isInstance across package copies, and its message in JSON", () => {
    const error = new InvalidInputError("params.path.function_urn", "is required");
    expect(InvalidInputError.isInstance(error)).toBe(true);
    expect(InvalidInputError.isInstance(new TypeError("x"))).toBe(false);
    expect(InvalidInputError.isInstance({ [Symbol.for("fgkit.InvalidInputError")]: true })).toBe(true);
    expect(InvalidInputError.isInstance(null)).toBe(false);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "InvalidInputError",
      message: "params.path.function_urn: is required",
      field: "params.path.function_urn",
    });
  });

  it("reads the { error: { code, message } } shape", () => {
    const error = errorFromResponse(request(), new Response(null, { status: 401 }), {
      error: { code: "APIGW.0301", message: "Incorrect IAM authentication information" },
    });
    expect(error).toMatchObject({
      code: "APIGW.0301",
      message: expect.stringContaining("Incorrect IAM authentication information"),
    });
  });

  it("describes an HTML or empty body without crashing", () => {
    const html = errorFromResponse(request(), new Response(null, { status: 502 }), "<html><body>Bad Gateway</body></html>");
    expect(html.message).toBe("GET /v2/p/fgs/functions failed with 502: non-JSON body: <html><body>Bad Gateway</body></html>");
    expect(html.code).toBeUndefined();
    const empty = errorFromResponse(request(), new Response(null, { status: 503 }), undefined);
    expect(empty.message).toBe("GET /v2/p/fgs/functions failed with 503: empty body");
    // JSON with a code but no message is not an empty body.
    const codeOnly = errorFromResponse(request(), new Response(null, { status: 500 }), { error_code: "FSS.0500" });
    expect(codeOnly.message).toBe("GET /v2/p/fgs/functions failed with 500 FSS.0500: no error message in the body");
  });

  it("can be made with a message alone", () => {
    const error = new FunctionGraphError("stand-in");
    expect(error).toMatchObject({ message: "stand-in", status: 0, attempts: 1, code: undefined, request: undefined });
  });

  it("is recognised across package copies by isInstance", () => {
    const error = new FunctionGraphError("x", { status: 0 });
    expect(FunctionGraphError.isInstance(error)).toBe(true);
    expect(FunctionGraphError.isInstance(new Error("x"))).toBe(false);
    expect(FunctionGraphError.isInstance({ ...error })).toBe(false);
  });
});

describe("redactUrl", () => {
  it("hides user information and credential-like query values, and keeps the rest", () => {
    expect(redactUrl("https://alice:s3cret@evil.example.com/collect?token=abc&page=2#top")).toBe(
      "https://[REDACTED]@evil.example.com/collect?token=[REDACTED]&page=2#top",
    );
    expect(redactUrl("https://evil.example.com/a@b?x=1")).toBe("https://evil.example.com/a@b?x=1");
    expect(redactUrl("/moved?sk=abc")).toBe("/moved?sk=[REDACTED]");
  });
});

describe("redactHeaders", () => {
  it("keeps every header as a key, one named __proto__ included, and hides secret values", () => {
    const copy = redactHeaders(
      new Headers([
        ["__proto__", "kept"],
        ["X-Auth-Token", "secret-token"],
        ["Authorization", "Bearer secret-bearer"],
      ]),
    );
    expect(Object.keys(copy).sort()).toEqual(["__proto__", "authorization", "x-auth-token"]);
    expect(Object.getOwnPropertyDescriptor(copy, "__proto__")?.value).toBe("kept");
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(JSON.stringify(copy)).not.toMatch(/secret-/);
  });
});

describe("unwrap", () => {
  it("returns data on success and throws FunctionGraphError otherwise", async () => {
    await expect(unwrap({ data: { a: 1 }, response: new Response(null, { status: 200 }) })).resolves.toEqual({ a: 1 });
    await expect(
      unwrap({ error: { error_code: "FSS.0500", error_msg: "boom" }, response: new Response(null, { status: 500 }) }),
    ).rejects.toMatchObject({ status: 500, code: "FSS.0500" });
  });
});

describe("instanceof across copies of the package (an ESM app, a CommonJS dependency)", () => {
  // The CommonJS build is another copy of every class, as a dual-package install loads it.
  const commonJs = createRequire(import.meta.url)("../../dist/index.node.cjs") as typeof import("../../src/index.js");

  it("holds both ways for FunctionGraphError and InvalidInputError, and not for other errors", () => {
    expect(commonJs.FunctionGraphError).not.toBe(FunctionGraphError);
    expect(new commonJs.FunctionGraphError("x")).toBeInstanceOf(FunctionGraphError);
    expect(new FunctionGraphError("x")).toBeInstanceOf(commonJs.FunctionGraphError);
    expect(new commonJs.InvalidInputError("field", "bad")).toBeInstanceOf(InvalidInputError);
    expect(new InvalidInputError("field", "bad")).toBeInstanceOf(commonJs.InvalidInputError);
    expect(new TypeError("x") instanceof InvalidInputError).toBe(false);
    expect(new InvalidInputError("field", "bad") instanceof FunctionGraphError).toBe(false);
    expect((null as unknown) instanceof FunctionGraphError).toBe(false);
  });

  it("a subclass of your own keeps the ordinary check", () => {
    class NotFound extends FunctionGraphError {}
    expect(new NotFound("x") instanceof NotFound).toBe(true);
    expect(new NotFound("x") instanceof FunctionGraphError).toBe(true);
    expect(new FunctionGraphError("x") instanceof NotFound).toBe(false);
    expect(new commonJs.FunctionGraphError("x") instanceof NotFound).toBe(false);
  });
});
