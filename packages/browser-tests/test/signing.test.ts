// @fgkit/helpers signs in a browser exactly as in Node: the signer is bundled for the browser
// (esbuild, platform "browser", the package imported by name), served from a loopback server, run
// in headless Chromium on its Web Crypto, and every Authorization it computes must equal Node's
// and the official signer's (the vectors of packages/helpers/test/signing).
import { readFileSync } from "node:fs";
import type { Metafile } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SignCase, SignOutcome, SignPageGlobals } from "./page/protocol.js";
import { sign } from "./page/sign.js";
import { bundlePage } from "./support/bundle-page.js";
import { announce, launchChromium, need, skipWithout } from "./support/chromium.js";
import { type StaticServer, serveStatic } from "./support/static-server.js";

interface Vector {
  name: string;
  ak: string;
  sk: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string | null;
  expected: { authorization: string; canonical_request: string };
}

const fixtureUrl = new URL("../../helpers/test/signing/vectors.fixture.json", import.meta.url);
const vectors = (JSON.parse(readFileSync(fixtureUrl, "utf8")) as { vectors: Vector[] }).vectors;

// Query and path encoding, unicode bodies, extra and mixed-case headers, temporary credentials.
const PICKED = [
  "get-query-value-unicode",
  "get-query-value-reserved-chars",
  "path-segment-unicode",
  "post-invoke-with-cff-headers",
  "post-body-unicode",
  "headers-mixed-case",
  "temporary-credentials-security-token",
];

function vectorCase(v: Vector): SignCase {
  const securityToken = v.headers["X-Security-Token"];
  return {
    name: v.name,
    method: v.method,
    url: v.url,
    headers: Object.entries(v.headers).filter(([name]) => name !== "host"),
    body: v.body,
    credentials: { ak: v.ak, sk: v.sk, ...(securityToken ? { securityToken } : {}) },
  };
}

// Two cases the vectors do not cover: the signer adds X-Sdk-Date (fixed clock) and X-Security-Token.
const EXTRA: SignCase[] = [
  {
    name: "adds-x-sdk-date-from-the-clock",
    method: "GET",
    url: "https://functiongraph.ap-southeast-1.myhuaweicloud.com/v2/0123456789abcdef0123456789abcdef/fgs/functions?marker=10&maxitems=50",
    headers: [["X-Project-Id", "0123456789abcdef0123456789abcdef"]],
    body: null,
    credentials: { ak: "HPUAEXAMPLEAK0123456", sk: "ExampleSecretKey0123456789abcdefghijklmnop" },
    date: "2026-03-04T05:06:07.000Z",
  },
  {
    name: "adds-x-security-token",
    method: "POST",
    url: "https://functiongraph.cn-north-4.myhuaweicloud.com/v2/0123456789abcdef0123456789abcdef/fgs/functions/urn%3Afss%3Acn-north-4%3A0123456789abcdef0123456789abcdef%3Afunction%3Adefault%3Ahello%3Alatest/invocations",
    headers: [
      ["Content-Type", "application/json"],
      ["X-Sdk-Date", "20260304T050607Z"],
    ],
    body: JSON.stringify({ name: "fgkit", emoji: "🚀" }),
    credentials: {
      ak: "HSTAEXAMPLEAK0123456",
      sk: "ExampleSecretKey0123456789abcdefghijklmnop",
      securityToken: "gQpjbi1ub3J0aC00",
    },
  },
];

const picked = PICKED.map((name) => vectors.find((v) => v.name === name));
const cases: SignCase[] = [...picked.filter((v): v is Vector => v !== undefined).map(vectorCase), ...EXTRA];

let bundle = "";
let metafile: Metafile | undefined;
beforeAll(async () => {
  ({ code: bundle, metafile } = await bundlePage("sign-page.ts"));
});

const launch = await launchChromium();
announce(launch, "signing.test.ts");
let server: StaticServer | undefined;
afterAll(async () => {
  await server?.close();
  await launch.browser?.close();
});

describe("signing in the browser", () => {
  it("bundles @fgkit/helpers for the browser, without Node built-ins", () => {
    expect(picked.map((v, i) => v?.name ?? `missing vector ${PICKED[i]}`)).toEqual(PICKED);
    const inputs = Object.keys(metafile?.inputs ?? {});
    // The signer comes from the helpers package's Web build (one bundled module), not its Node one.
    expect(inputs.some((p) => /(^|\/)helpers\/dist\/index\.js$/.test(p))).toBe(true);
    expect(inputs.filter((p) => p.includes("index.node."))).toEqual([]);
    expect(inputs.filter((p) => p.startsWith("node:") || p.includes("(disabled)"))).toEqual([]);
    expect(bundle).not.toMatch(/from\s*["']node:|require\(["']node:/);
    expect(bundle).toContain("SDK-HMAC-SHA256");
  });

  it.skipIf(skipWithout(launch))(
    `computes the same Authorization in Chromium as in Node${launch.browser ? "" : ` (no browser: ${launch.reason})`}`,
    async () => {
      const browser = need(launch);
      server = await serveStatic({
        "/": {
          type: "text/html; charset=utf-8",
          body: '<!doctype html><meta charset="utf-8"><title>fgkit signing</title><script type="module" src="/sign-page.js"></script>',
        },
        "/sign-page.js": { type: "text/javascript; charset=utf-8", body: bundle },
      });
      const context = await browser.newContext();
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      // Only the loopback server answers; anything else the page asks for is refused.
      const origin = server.url;
      await page.route("**/*", (route) => (route.request().url().startsWith(origin) ? route.continue() : route.abort()));
      await page.goto(`${origin}/`);
      await page.waitForFunction(() => (globalThis as unknown as SignPageGlobals).fgkitReady === true, undefined, {
        timeout: 15_000,
      });

      const environment = await page.evaluate(() => (globalThis as unknown as SignPageGlobals).fgkitEnvironment());
      expect(environment).toMatchObject({ isSecureContext: true, hasSubtleCrypto: true, hasProcess: false });
      expect(environment.userAgent).toMatch(/Chrom/);

      const inBrowser: SignOutcome[] = await page.evaluate(
        (all) => (globalThis as unknown as SignPageGlobals).fgkitSign(all),
        cases,
      );
      const inNode: SignOutcome[] = [];
      for (const c of cases) inNode.push(await sign(c));

      expect(inBrowser.map((o) => o.name)).toEqual(cases.map((c) => c.name));
      for (const [i, browserOutcome] of inBrowser.entries()) {
        const nodeOutcome = inNode[i] as SignOutcome;
        expect(browserOutcome, browserOutcome.name).toEqual(nodeOutcome);
        expect(browserOutcome.requestAuthorization, `${browserOutcome.name}: signRequest`).toBe(browserOutcome.authorization);
        const vector = vectors.find((v) => v.name === browserOutcome.name);
        if (vector) {
          expect(browserOutcome.authorization, `${vector.name}: official signer`).toBe(vector.expected.authorization);
          expect(browserOutcome.canonicalRequest, `${vector.name}: canonical request`).toBe(vector.expected.canonical_request);
          expect(browserOutcome.requestBody, `${vector.name}: body sent`).toBe(vector.body ?? "");
        }
      }
      const clock = inBrowser.find((o) => o.name === "adds-x-sdk-date-from-the-clock");
      expect(clock?.requestSdkDate).toBe("20260304T050607Z");

      expect(pageErrors).toEqual([]);
      expect(server.requests.filter((r) => r.path !== "/favicon.ico")).toEqual([
        { path: "/", status: 200 },
        { path: "/sign-page.js", status: 200 },
      ]);
      await context.close();
    },
  );
});
