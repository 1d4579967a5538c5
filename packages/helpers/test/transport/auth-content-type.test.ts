// withAuth's contentType: set and signed on a request without one (bodyless ones too), on the Node
// transport's direct path and over a fetch transport; a request's own Content-Type is kept.
import { describe, expect, it } from "vitest";
import { defaultFetch, type FetchLike, resolveCredentials, withAuth, withRetry } from "../../src/index.js";
import { useLoopbackServer } from "../support/loopback-server.js";

const seen: { contentType: string | undefined; authorization: string | undefined; projectId?: unknown }[] = [];
const server = useLoopbackServer((req, res) => {
  seen.push({
    contentType: req.headers["content-type"],
    authorization: req.headers.authorization,
    projectId: req.headers["x-project-id"],
  });
  req.resume();
  req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
});

const auth = resolveCredentials({ ak: "HPUAEXAMPLEAK0123456", sk: "example-secret" });
const transports: Record<string, FetchLike> = {
  "the direct path": defaultFetch,
  "a fetch transport": (request) => fetch(request),
};

for (const [label, transport] of Object.entries(transports)) {
  describe(`withAuth's contentType over ${label}`, () => {
    it("is sent and signed on a GET and a bodyless POST; a request's own Content-Type wins", async () => {
      seen.length = 0;
      const send = withRetry(withAuth(transport, auth, { contentType: "application/json" }));
      await send(new Request(`${server.url()}/v2/p/fgs/functions`));
      await send(new Request(`${server.url()}/v2/p/fgs/functions/enable-lts-logs`, { method: "POST" }));
      await send(new Request(`${server.url()}/v2/p/x`, { method: "POST", body: "a", headers: { "content-type": "text/plain" } }));
      expect(seen.map((request) => request.contentType)).toEqual(["application/json", "application/json", "text/plain"]);
      for (const request of seen) expect(request.authorization).toContain("SignedHeaders=content-type;host;x-sdk-date");
    });

    it("is not added without the option", async () => {
      seen.length = 0;
      await withRetry(withAuth(transport, auth))(new Request(`${server.url()}/v2/p/fgs/functions`));
      expect(seen[0]?.contentType).toBeUndefined();
      expect(seen[0]?.authorization).toContain("SignedHeaders=host;x-sdk-date");
    });

    it("projectId is sent as X-Project-Id; a request's own X-Project-Id wins", async () => {
      seen.length = 0;
      const send = withRetry(withAuth(transport, auth, { projectId: "project-of-the-client" }));
      await send(new Request(`${server.url()}/v2/p/fgs/functions`));
      await send(new Request(`${server.url()}/v2/p/fgs/functions`, { headers: { "X-Project-Id": "project-of-the-call" } }));
      expect(seen.map((request) => request.projectId)).toEqual(["project-of-the-client", "project-of-the-call"]);
    });
  });
}

it("refuses a contentType with CR or LF", () => {
  expect(() => withAuth(defaultFetch, auth, { contentType: "application/json\r\nX-Evil: 1" })).toThrow(
    "contentType: contains CR, LF or another character a header cannot carry",
  );
});
