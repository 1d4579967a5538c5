// An error answer that echoes the request (a proxy, WAF or gateway quoting what it refused) reaches
// no one with the call's secrets in it: not the body a plain call hands over, not the
// FunctionGraphError made from it, not an onRetry event. On the Node transport's direct path and over
// a fetch transport alike.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  defaultFetch,
  errorFromResponse,
  type FetchLike,
  parseErrorBody,
  type RetryEvent,
  resolveCredentials,
  withAuth,
  withRetry,
} from "../../src/index.js";
import { useLoopbackServer } from "../support/loopback-server.js";

const TOKEN = "MIIYechoedTOKENvalue0123456789";
const STS = "stsECHOEDsecurityTOKEN0123456789";

/** Answers with the request's own headers, as JSON (the token JSON-escaped too) and in the message. */
const server = useLoopbackServer((req, res) => {
  if (req.url === "/moved")
    return res.writeHead(302, { location: `https://elsewhere.example.com/?next=${req.headers["x-auth-token"]}` }).end();
  const status = req.url === "/busy" ? 503 : 401;
  // The token also as JSON may spell it, its capitals \u-escaped (parsing gives the token back).
  const escaped = String(req.headers["x-auth-token"]).replace(/[A-Z]/g, (char) => `\\u00${char.charCodeAt(0).toString(16)}`);
  const body = JSON.stringify({ error_code: "APIGW.0301", error_msg: `refused ${JSON.stringify(req.headers)}` });
  res
    .writeHead(status, { "content-type": "application/json", "retry-after": "0" })
    .end(`${body.slice(0, -1)},"echo":"${escaped}"}`);
});

const transports: Record<string, FetchLike> = {
  "the direct path": defaultFetch,
  "a fetch transport": (request) => fetch(request),
};

const leaks = (text: string) => [TOKEN, STS].filter((secret) => text.includes(secret) || text.includes(secret.toLowerCase()));

for (const [label, transport] of Object.entries(transports)) {
  describe(`an echoing error answer over ${label}`, () => {
    it("is handed over, and made into errors and retry events, without the token or security token", async () => {
      const events: RetryEvent[] = [];
      const send = withRetry(withAuth(transport, resolveCredentials({ token: TOKEN })), {
        maxAttempts: 2,
        baseDelayMs: 1,
        onRetry: (event) => events.push(event),
      });
      const request = new Request(`${server.url()}/busy`, { headers: { "X-Security-Token": STS } });
      const response = await send(request);
      expect(response.status).toBe(503);
      const text = await response.text();
      expect(text).toContain("[REDACTED]"); // the echo is still there, cut
      expect(leaks(text)).toEqual([]);
      expect(leaks(JSON.stringify(JSON.parse(text)))).toEqual([]); // nor behind a JSON escape
      const error = errorFromResponse(request, response, parseErrorBody(text), 2);
      expect(events).toHaveLength(1);
      for (const shown of [error, events[0]?.error])
        expect(leaks(`${(shown as Error).message}${inspect(shown, { depth: null })}${JSON.stringify(shown)}`)).toEqual([]);
    });

    it('refuses an access key that holds the secret key (a CSV line "AK,SK" given as ak), before any request', () => {
      const sk = "Sk0Echoed7f3c9a1e5b2d4086SecretKeyValue";
      let error: unknown;
      try {
        resolveCredentials({ ak: `HPUAECHOEDACCESSKEY1,${sk}`, sk });
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toMatchObject({ name: "InvalidInputError", field: "credentials.ak" });
      expect(String((error as Error).message)).not.toContain(sk.slice(0, 16));
    });

    it("cuts the token from a header of an error answer too (a redirect's Location)", async () => {
      const send = withRetry(withAuth(transport, resolveCredentials({ token: TOKEN })));
      const response = await send(new Request(`${server.url()}/moved`, { redirect: "manual" }));
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe("https://elsewhere.example.com/?next=[REDACTED]");
    });

    it("leaves a successful answer as it came", async () => {
      const echo = useEcho();
      const send = withRetry(withAuth(transport, resolveCredentials({ token: TOKEN })));
      const response = await send(new Request(`${echo.url()}/ok`));
      expect(response.status).toBe(200);
      expect(await response.text()).toContain(TOKEN);
    });
  });
}

function useEcho() {
  return echoServer;
}
const echoServer = useLoopbackServer((req, res) => {
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ token: req.headers["x-auth-token"] }));
});

// What is not the API's answer (an echo service, a proxy's page) may quote the request in a success
// answer or in the parts of an error answer that the body's cleaning did not cover.
const quoting = useLoopbackServer((req, res) => {
  const token = String(req.headers["x-auth-token"]);
  const echo = { "x-echo": token };
  // The token across the 1000th character, where an error's copy of a page that is not JSON ends.
  const page = `<html>${"x".repeat(990)}${token}</html>`;
  if (req.url === "/page") return res.writeHead(200, { ...echo, "content-type": "text/html" }).end(page);
  if (req.url === "/broken-json") return res.writeHead(200, { ...echo, "content-type": "application/json" }).end(`{${page}`);
  if (req.url === "/large") return res.writeHead(401, { ...echo, "content-type": "text/plain" }).end("x".repeat(5000));
  res.statusMessage = `refused token ${token}`;
  res.writeHead(401, { "content-type": "application/json" }).end("{}");
});

for (const [label, transport] of Object.entries(transports)) {
  describe(`an answer quoting the request over ${label}`, () => {
    const send = withRetry(withAuth(transport, resolveCredentials({ token: TOKEN })), { maxAttempts: 1, maxResponseBytes: 2048 });
    const shown = (error: unknown) => `${(error as Error).message}${inspect(error, { depth: null })}${JSON.stringify(error)}`;

    it("a success answer that is not JSON: the InvalidResponseBody error keeps its text without the token, nor a part of it", async () => {
      for (const path of ["/page", "/broken-json"]) {
        const error = await send(new Request(`${quoting.url()}${path}`))
          .then((response) => response.json())
          .catch((e: unknown) => e);
        expect(error).toMatchObject({ code: "InvalidResponseBody" });
        expect(leaks(shown(error))).toEqual([]);
        expect(shown(error)).not.toContain(TOKEN.slice(0, 4));
        expect(JSON.stringify(error)).toMatch(/x{8}\[RE/); // cut, then shortened
      }
    });

    it("an error answer over maxResponseBytes: the ResponseTooLarge error's headers are without the token", async () => {
      const error = await send(new Request(`${quoting.url()}/large`)).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "ResponseTooLarge", response: { headers: { "x-echo": "[REDACTED]" } } });
      expect(leaks(shown(error))).toEqual([]);
    });

    it("an error answer's reason phrase is handed over without the token", async () => {
      const response = await send(new Request(`${quoting.url()}/reason`));
      expect(response.status).toBe(401);
      expect(response.statusText).toBe("refused token [REDACTED]");
    });
  });
}
