// unwrap's error for a failed call names the request and the attempts noted for its answer, on an
// ordinary Response and on the buffered one a call resolves to.
import { describe, expect, it } from "vitest";
import { FunctionGraphError, recordExchange, unwrap } from "../../src/index.js";
import { bufferedAnswer } from "../../src/transport/read-body.js";

const request = new Request("https://fg.example.com/v2/p/fgs/functions?marker=2", { method: "DELETE" });
const body = JSON.stringify({ error_code: "FSS.0500", error_msg: "broken" });

describe("unwrap", () => {
  it.each([
    ["an ordinary Response", () => new Response(body, { status: 500, headers: { "content-type": "application/json" } })],
    [
      "a buffered Response",
      () =>
        bufferedAnswer(
          {
            status: 500,
            statusText: "",
            headers: new Headers({ "content-type": "application/json" }),
            body: new TextEncoder().encode(body),
          },
          "DELETE",
          () => request,
          1,
        ),
    ],
  ])("names the request and attempts noted for %s", async (_, answer) => {
    const response = answer();
    recordExchange(response, request, 3);
    const error = await unwrap({ error: JSON.parse(body), response }).catch((e: unknown) => e);
    expect(FunctionGraphError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      message: "DELETE /v2/p/fgs/functions failed with 500 FSS.0500: broken",
      code: "FSS.0500",
      attempts: 3,
      request: { method: "DELETE", url: "https://fg.example.com/v2/p/fgs/functions?marker=2" },
    });
  });
});
