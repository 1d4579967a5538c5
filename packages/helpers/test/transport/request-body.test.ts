// Request bodies where Request.body is not implemented (Firefox, some Android WebViews): the getter
// reads undefined even when a body was given, so it cannot tell whether there is one. The signer
// and the retry layer must still sign and resend the bytes.
import { describe, expect, it } from "vitest";
import { computeSignature, type FetchLike, signRequest, withAuth, withRetry } from "../../src/index.js";
import { rawHeaderPairs, useLoopbackServer } from "../support/loopback-server.js";

const credentials = { ak: "AKEXAMPLE", sk: "secret" };
const date = new Date("2025-01-02T03:04:05Z");
const BODY = JSON.stringify({ func_name: "hello", note: "caf\u00e9" });

/** `request` as Firefox shows it: no `body` property to read. */
function withoutBodyGetter(request: Request): Request {
  Object.defineProperty(request, "body", { get: () => undefined });
  return request;
}

const post = (url = "https://fg.example.com/v2/p/fgs/functions") =>
  new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: BODY });

interface Arrival {
  method: string;
  url: string;
  headers: [string, string][];
  body: string;
}
const arrivals: Arrival[] = [];
let answers: number[] = [];
const server = useLoopbackServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const headers = rawHeaderPairs(req);
    arrivals.push({
      method: req.method as string,
      url: req.url as string,
      headers,
      body: Buffer.concat(chunks).toString("utf8"),
    });
    const status = answers.shift() ?? 200;
    res.writeHead(status, { "content-type": "application/json" }).end(status === 200 ? "{}" : '{"error_code":"FSS.0500"}');
  });
});

/** The Authorization the arrival should carry: its signed headers (as named in it) and its body, signed afresh. */
async function expectedAuthorization(arrival: Arrival): Promise<string> {
  const authorization = arrival.headers.find(([name]) => name.toLowerCase() === "authorization")?.[1] ?? "";
  const signedNames = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(";") ?? [];
  const signed = arrival.headers.filter(([name]) => signedNames.includes(name.toLowerCase()));
  const url = new URL(arrival.url, server.url());
  const signature = await computeSignature({ method: arrival.method, url, headers: signed, body: arrival.body }, credentials);
  return signature.headers.Authorization as string;
}

describe("a Request whose body getter reads undefined (Firefox)", () => {
  it("signRequest signs and keeps its body, as it does a Request that shows its body", async () => {
    const shown = await signRequest(post(), credentials, { date });
    const hidden = await signRequest(withoutBodyGetter(post()), credentials, { date });
    expect(hidden.headers.get("authorization")).toBe(shown.headers.get("authorization"));
    expect(await hidden.text()).toBe(BODY);
  });

  it("signRequest still signs a bodyless request as empty", async () => {
    const shown = await signRequest(new Request("https://fg.example.com/v2/p", { method: "DELETE" }), credentials, { date });
    const hidden = await signRequest(
      withoutBodyGetter(new Request("https://fg.example.com/v2/p", { method: "DELETE" })),
      credentials,
      { date },
    );
    expect(hidden.headers.get("authorization")).toBe(shown.headers.get("authorization"));
  });

  it("withRetry over withAuth and a fetch transport signs the body and resends it on a retry", async () => {
    arrivals.length = 0;
    answers = [503, 200];
    const transport: FetchLike = (request) => fetch(request);
    const send = withRetry(withAuth(transport, { kind: "accessKey", credentials }), { baseDelayMs: 1, retryNonIdempotent: true });
    const response = await send(withoutBodyGetter(post(`${server.url()}/v2/p/fgs/functions`)));
    expect(response.status).toBe(200);
    expect(arrivals).toHaveLength(2);
    for (const arrival of arrivals) {
      expect(arrival.body).toBe(BODY);
      const authorization = arrival.headers.find(([name]) => name.toLowerCase() === "authorization")?.[1];
      expect(authorization).toBe(await expectedAuthorization(arrival));
    }
  });
});

describe("a request without a body", () => {
  it("is read as none (null), not as empty bytes: a DELETE goes out with no Content-Length", async () => {
    const { requestBodyBytes } = await import("../../src/transport/request-body.js");
    for (const method of ["DELETE", "POST", "PUT", "GET"])
      expect(await requestBodyBytes(new Request("https://fg.example.com/v2/p/x", { method }))).toBeNull();
    expect(await requestBodyBytes(new Request("https://fg.example.com/v2/p/x", { method: "POST", body: "" }))).toEqual(
      new Uint8Array(0),
    );
  });
});
