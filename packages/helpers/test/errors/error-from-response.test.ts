// errorFromResponse: the FunctionGraphError an error answer becomes (code, message, request id),
// and parseErrorBody, which reads the answer's body for it.
import { describe, expect, it } from "vitest";
import { errorFromResponse, parseErrorBody } from "../../src/index.js";

const request = new Request("https://fg.example.com/v2/p/fgs/functions");
const answer = (status: number, headers: Record<string, string> = {}) => new Response(null, { status, headers });

describe("errorFromResponse", () => {
  it("takes the request id from X-Request-Id, X-Cff-Request-Id or X-Apig-Request-Id, in that order", () => {
    expect(errorFromResponse(request, answer(500, { "x-apig-request-id": "apig" }), undefined).requestId).toBe("apig");
    const all = { "x-apig-request-id": "apig", "x-cff-request-id": "cff", "x-request-id": "plain" };
    expect(errorFromResponse(request, answer(500, all), undefined).requestId).toBe("plain");
  });

  it("falls back to the body's request_id, as the API gateway's own errors give it, and prefers a header", () => {
    const gateway = { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information", request_id: "gw-1" };
    expect(errorFromResponse(request, answer(401), gateway).requestId).toBe("gw-1");
    expect(errorFromResponse(request, answer(401, { "x-request-id": "hdr" }), gateway).requestId).toBe("hdr");
    for (const data of [{ request_id: 7 }, { request_id: "" }, "request_id", undefined])
      expect(errorFromResponse(request, answer(401), data).requestId).toBeUndefined();
  });

  it("reads a message given at the top level of the body when there is no error_msg", () => {
    const error = errorFromResponse(request, answer(400), { message: "bad thing" });
    expect(error.message).toBe("GET /v2/p/fgs/functions failed with 400: bad thing");
  });

  it("takes an empty or blank body as no body", () => {
    for (const data of ["", "  \n"]) {
      const error = errorFromResponse(request, answer(500), data);
      expect(error.message).toBe("GET /v2/p/fgs/functions failed with 500: empty body");
      expect(error.response?.data).toBeUndefined();
    }
    expect(parseErrorBody(" \r\n\t")).toBeUndefined();
  });

  it("gives a 3xx without a code of its own the code Redirect, and its Location redacted; a 400 is no redirect", () => {
    const redirect = errorFromResponse(
      request,
      answer(302, { location: "https://elsewhere.example.com/?token=SECRET1" }),
      undefined,
    );
    expect(redirect.code).toBe("Redirect");
    expect(redirect.message).toBe(
      "GET /v2/p/fgs/functions failed with 302: a redirect to https://elsewhere.example.com/?token=[REDACTED], which is not followed",
    );
    const refused = errorFromResponse(request, answer(400, { location: "https://elsewhere.example.com/" }), undefined);
    expect(refused.code).toBeUndefined();
    expect(refused.message).toBe("GET /v2/p/fgs/functions failed with 400: empty body");
  });
});
