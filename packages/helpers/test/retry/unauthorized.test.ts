// withRetry's onUnauthorized with invalidateRefusedCredentials: a token or temporary access keys the
// gateway refuses (revoked before their expiry) are dropped by their provider and the request is sent
// once more with new ones, on the Node transport's direct path and over a fetch transport alike.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  type AccessKeyProvider,
  createAccessKeyProvider,
  createTokenProvider,
  defaultFetch,
  type FetchLike,
  invalidateRefusedCredentials,
  resolveCredentials,
  type TokenProvider,
  withAuth,
  withRetry,
} from "../../src/index.js";

/** What the gateway saw: method, token (or access key id) and body of every request. */
let seen: { method: string; token: string | undefined; body: string }[] = [];
/** Tokens and access key ids the gateway refuses with 401. */
let revoked = new Set<string>();
let base = "";
const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const token =
    (req.headers["x-auth-token"] as string | undefined) ?? /Access=([^,]+)/.exec(req.headers.authorization ?? "")?.[1];
  seen.push({ method: req.method ?? "", token, body: Buffer.concat(chunks).toString("utf8") });
  const refused = token === undefined || revoked.has(token);
  res.writeHead(refused ? 401 : 200, { "content-type": "application/json" });
  res.end(
    JSON.stringify(refused ? { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information" } : { ok: true }),
  );
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  revoked = new Set();
});

/**
 * A caching provider whose tokens are t1, t2, ...; `fetched()` counts IAM round trips, `age()` moves
 * its clock a minute on (a token refused within 30 s of its fetch is kept).
 */
function countingProvider() {
  let fetched = 0;
  let offset = 0;
  const now = () => Date.now() + offset;
  const provider = createTokenProvider({
    now,
    fetchToken: async () => ({ token: `t${++fetched}`, expiresAt: new Date(now() + 3_600_000) }),
  });
  return { provider, fetched: () => fetched, age: () => (offset += 60_000) };
}

function transportWith(provider: TokenProvider | { accessKeys: AccessKeyProvider }, fetch: FetchLike, refresh = true): FetchLike {
  const auth = resolveCredentials(provider);
  return withRetry(withAuth(fetch, auth), {
    baseDelayMs: 1,
    ...(refresh ? { onUnauthorized: (request: Request) => invalidateRefusedCredentials(auth, request) } : {}),
  });
}

const TRANSPORTS: Record<string, FetchLike> = {
  "the Node transport (direct)": defaultFetch,
  "a fetch transport": (request) => globalThis.fetch(request),
};

describe("a token the gateway refuses", () => {
  for (const [name, fetch] of Object.entries(TRANSPORTS)) {
    it(`${name}: is dropped, and the request is sent once more with a new token, a POST too`, async () => {
      const { provider, fetched, age } = countingProvider();
      const send = transportWith(provider, fetch);
      expect((await send(new Request(`${base}/a`))).status).toBe(200);
      age();
      revoked.add("t1"); // revoked before its expiry

      const response = await send(new Request(`${base}/b`, { method: "POST", body: '{"n":1}' }));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ ok: true });
      expect(seen.slice(1)).toEqual([
        { method: "POST", token: "t1", body: '{"n":1}' },
        { method: "POST", token: "t2", body: '{"n":1}' },
      ]);
      expect(fetched()).toBe(2);
    });

    it(`${name}: a second refusal in the same call is the answer (one resend per call)`, async () => {
      const { provider, fetched, age } = countingProvider();
      const send = transportWith(provider, fetch);
      await send(new Request(`${base}/warm`));
      age();
      revoked = new Set(["t1", "t2", "t3"]);
      const response = await send(new Request(`${base}/c`));
      expect(response.status).toBe(401);
      expect(seen.map((request) => request.token)).toEqual(["t1", "t1", "t2"]);
      expect(fetched()).toBe(2);
    });

    it(`${name}: a token fetched moments ago and refused is the answer: no IAM round trip per call`, async () => {
      const { provider, fetched } = countingProvider();
      revoked.add("t1");
      const send = transportWith(provider, fetch);
      expect((await send(new Request(`${base}/g`))).status).toBe(401);
      expect((await send(new Request(`${base}/h`))).status).toBe(401);
      expect(seen.map((request) => request.token)).toEqual(["t1", "t1"]);
      expect(fetched()).toBe(1);
    });

    it(`${name}: concurrent refused calls share one new token`, async () => {
      const { provider, fetched, age } = countingProvider();
      const send = transportWith(provider, fetch);
      await send(new Request(`${base}/warm`));
      age();
      revoked.add("t1");
      seen = [];
      const responses = await Promise.all(Array.from({ length: 5 }, (_, i) => send(new Request(`${base}/${i}`))));
      expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
      expect(fetched()).toBe(2);
      expect(seen.filter((request) => request.token === "t2")).toHaveLength(5);
    });
  }

  it("without onUnauthorized, or with a fixed token, the 401 is the answer and nothing is resent", async () => {
    const { provider, fetched, age } = countingProvider();
    const send = transportWith(provider, defaultFetch, false);
    await send(new Request(`${base}/warm`));
    age(); // old enough to be dropped: only the missing option keeps it from a resend
    revoked.add("t1");
    expect((await send(new Request(`${base}/d`))).status).toBe(401);
    expect(fetched()).toBe(1);

    revoked.add("fixed");
    const fixed = resolveCredentials({ token: "fixed" });
    const sendFixed = withRetry(withAuth(defaultFetch, fixed), {
      onUnauthorized: (request) => invalidateRefusedCredentials(fixed, request),
    });
    expect((await sendFixed(new Request(`${base}/e`))).status).toBe(401);
    expect(seen.map((request) => request.token)).toEqual(["t1", "t1", "fixed"]);
  });

  it("a provider whose invalidate throws: the 401 is the answer, not the provider's error, and nothing is resent", async () => {
    revoked.add("buggy");
    const getToken = Object.assign(async () => "buggy", {
      invalidate: () => {
        throw "a provider's own bug";
      },
    });
    const auth = resolveCredentials(getToken);
    const send = withRetry(withAuth(defaultFetch, auth), {
      onUnauthorized: (request) => invalidateRefusedCredentials(auth, request),
    });
    const before = seen.length;
    expect((await send(new Request(`${base}/g`))).status).toBe(401);
    expect(seen.length - before).toBe(1);
  });

  it("onUnauthorized sees only 401s, and must be a function", async () => {
    const asked: number[] = [];
    const send = withRetry(async () => new Response("{}", { status: 403 }), {
      onUnauthorized: () => {
        asked.push(1);
        return true;
      },
    });
    expect((await send(new Request(`${base}/f`))).status).toBe(403);
    expect(asked).toEqual([]);
    expect(() => withRetry(defaultFetch, { onUnauthorized: "yes" as never })).toThrow(
      "onUnauthorized: must be a function (request: Request) => boolean",
    );
  });
});

/** A caching provider of temporary keys AK1, AK2, ...; counted and aged like countingProvider's tokens. */
function countingKeyProvider() {
  let fetched = 0;
  let offset = 0;
  const now = () => Date.now() + offset;
  const provider = createAccessKeyProvider({
    now,
    fetchKeys: async () => {
      fetched++;
      return { ak: `AK${fetched}`, sk: `SK${fetched}`, securityToken: `ST${fetched}`, expiresAt: new Date(now() + 3_600_000) };
    },
  });
  return { provider, fetched: () => fetched, age: () => (offset += 60_000) };
}

describe("temporary access keys the gateway refuses", () => {
  for (const [name, fetch] of Object.entries(TRANSPORTS)) {
    it(`${name}: are dropped, and the request is signed with new keys and sent once more`, async () => {
      const { provider, fetched, age } = countingKeyProvider();
      const send = transportWith({ accessKeys: provider }, fetch);
      expect((await send(new Request(`${base}/a`))).status).toBe(200);
      age();
      revoked.add("AK1");
      const response = await send(new Request(`${base}/b`, { method: "PUT", body: '{"n":2}' }));
      expect(response.status).toBe(200);
      expect(seen.slice(1)).toEqual([
        { method: "PUT", token: "AK1", body: '{"n":2}' },
        { method: "PUT", token: "AK2", body: '{"n":2}' },
      ]);
      expect(fetched()).toBe(2);
    });

    it(`${name}: keys fetched moments ago and refused are the answer: no metadata round trip per call`, async () => {
      const { provider, fetched } = countingKeyProvider();
      revoked.add("AK1");
      const send = transportWith({ accessKeys: provider }, fetch);
      expect((await send(new Request(`${base}/c`))).status).toBe(401);
      expect((await send(new Request(`${base}/d`))).status).toBe(401);
      expect(seen.map((request) => request.token)).toEqual(["AK1", "AK1"]);
      expect(fetched()).toBe(1);
    });
  }

  it("keys from a plain provider function (no invalidate), or fixed keys: the 401 is the answer", async () => {
    revoked = new Set(["FIXED"]);
    for (const credentials of [{ accessKeys: () => ({ ak: "FIXED", sk: "S" }) }, { ak: "FIXED", sk: "S" }]) {
      const auth = resolveCredentials(credentials);
      const send = withRetry(withAuth(defaultFetch, auth), {
        onUnauthorized: (request) => invalidateRefusedCredentials(auth, request),
      });
      expect((await send(new Request(`${base}/e`))).status).toBe(401);
    }
    expect(seen.map((request) => request.token)).toEqual(["FIXED", "FIXED"]);
  });

  it("invalidate drops only the refused keys: keys fetched since stay", async () => {
    const { provider, fetched, age } = countingKeyProvider();
    expect((await provider()).ak).toBe("AK1");
    age();
    expect(provider.invalidate?.("SOMETHING-ELSE")).toBe(true);
    expect((await provider()).ak).toBe("AK1");
    expect(provider.invalidate?.("AK1")).toBe(true);
    expect((await provider()).ak).toBe("AK2");
    expect(fetched()).toBe(2);
  });
});

describe("the resend after a refused credential", () => {
  it("does not count against maxAttempts: a 503 after it is still retried", async () => {
    const statuses = [401, 503, 200];
    const sent: Request[] = [];
    const transport: FetchLike = async (request) => {
      sent.push(request);
      return Response.json({}, { status: statuses[sent.length - 1] ?? 500 });
    };
    const fetch = withRetry(transport, { maxAttempts: 2, random: () => 0, onUnauthorized: () => true });
    const response = await fetch(new Request("https://fg.example.com/v2/p/fgs/functions"));
    expect(response.status).toBe(200);
    expect(sent).toHaveLength(3);
  });
});
