// withAuth over a fetch transport, with Requests built by hand (which follow redirects by default):
// a redirect is not followed, so neither the security token nor an IAM token reaches the host it
// points to, and the caller gets the 3xx answer itself.
import { Agent, getGlobalDispatcher, interceptors, setGlobalDispatcher } from "undici";
import { describe, expect, it } from "vitest";
import { defaultFetch, type FetchLike, resolveCredentials, withAuth, withRetry } from "../../src/index.js";
import { useLoopbackServer } from "../support/loopback-server.js";

const elsewhere: { path: string | undefined; headers: Record<string, unknown> }[] = [];
const other = useLoopbackServer((req, res) => {
  elsewhere.push({ path: req.url, headers: req.headers });
  res.writeHead(200).end("ok");
});
const api = useLoopbackServer((req, res) => {
  req.resume();
  req.on("end", () => res.writeHead(302, { location: `${other.url()}/collect` }).end());
});

const credentials = {
  "temporary access keys": resolveCredentials({ ak: "HPUAEXAMPLEAK0123456", sk: "example-secret", securityToken: "STS-SECRET" }),
  "an IAM token": resolveCredentials({ token: "MIIToken-SECRET" }),
};

describe("withAuth and a redirect to another host", () => {
  for (const [label, auth] of Object.entries(credentials))
    for (const [layers, wrap] of [
      ["under withRetry", withRetry],
      ["alone (the body not read before signing)", (fetch: FetchLike) => fetch],
    ] as const)
      it(`is not followed with ${label}, withAuth ${layers}: the 3xx comes back, nothing reaches the other host`, async () => {
        elsewhere.length = 0;
        const send = wrap(withAuth((request) => fetch(request), auth));
        const get = await send(new Request(`${api.url()}/v2/p/fgs/functions`));
        const post = await send(new Request(`${api.url()}/v2/p/fgs/functions`, { method: "POST", body: '{"a":1}' }));
        expect([get.status, post.status]).toEqual([302, 302]);
        expect(get.headers.get("location")).toBe(`${other.url()}/collect`);
        expect(elsewhere).toEqual([]);
      });
});

describe("the Node transport under a global dispatcher that follows redirects", () => {
  // An application may install undici's redirect interceptor for its own calls (fetch turns it off
  // for each of its requests, with maxRedirections: 0); fgkit's direct path must turn it off too.
  for (const [label, auth] of Object.entries(credentials))
    it(`does not follow a redirect with ${label}: the 3xx comes back, nothing reaches the other host`, async () => {
      elsewhere.length = 0;
      const before = getGlobalDispatcher();
      const following = new Agent().compose(interceptors.redirect({ maxRedirections: 3 }));
      setGlobalDispatcher(following);
      try {
        const send = withRetry(withAuth(defaultFetch, auth), { maxAttempts: 1 });
        const get = await send(new Request(`${api.url()}/v2/p/fgs/functions`));
        const post = await send(new Request(`${api.url()}/v2/p/fgs/functions`, { method: "POST", body: '{"a":1}' }));
        expect([get.status, post.status]).toEqual([302, 302]);
        expect(get.headers.get("location")).toBe(`${other.url()}/collect`);
        expect(elsewhere).toEqual([]);
      } finally {
        setGlobalDispatcher(before);
        await following.close();
      }
    });
});
