// A redirect in a real browser: fgkit's layers over Chromium's fetch must not follow it (following
// would carry X-Auth-Token to another origin), and must end the call with a clear error rather than
// crash on the opaque answer. A plain fetch of the same URL is the control: it does go there.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RedirectPageGlobals } from "./page/protocol.js";
import { bundlePage } from "./support/bundle-page.js";
import { announce, launchChromium, need, skipWithout } from "./support/chromium.js";
import { type StaticServer, serveStatic } from "./support/static-server.js";

const TOKEN = "MIIExampleIamTokenThatMustStayHome";

let bundle = "";
beforeAll(async () => {
  ({ code: bundle } = await bundlePage("redirect-page.ts"));
});

const launch = await launchChromium();
announce(launch, "redirect.test.ts");
const servers: StaticServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await launch.browser?.close();
});

describe("a redirect in the browser", () => {
  it.skipIf(skipWithout(launch))(
    `is not followed, and ends the call with code Redirect${launch.browser ? "" : ` (no browser: ${launch.reason})`}`,
    async () => {
      const browser = need(launch);
      // Another origin (another port), where the redirect points: it records whatever reaches it.
      const elsewhere = await serveStatic({});
      servers.push(elsewhere);
      const site = await serveStatic({
        "/": {
          type: "text/html; charset=utf-8",
          body: '<!doctype html><meta charset="utf-8"><title>fgkit redirect</title><script type="module" src="/redirect-page.js"></script>',
        },
        "/redirect-page.js": { type: "text/javascript; charset=utf-8", body: bundle },
        "/v2/p/fgs/functions": {
          type: "application/json",
          body: "",
          status: 307,
          headers: { location: `${elsewhere.url}/collect` },
        },
      });
      servers.push(site);
      const context = await browser.newContext();
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      await page.goto(`${site.url}/`);
      await page.waitForFunction(() => (globalThis as unknown as RedirectPageGlobals).fgkitReady === true, undefined, {
        timeout: 15_000,
      });
      const api = `${site.url}/v2/p/fgs/functions`;

      const fgkit = await page.evaluate(([url, token]) => (globalThis as unknown as RedirectPageGlobals).fgkitCall(url, token), [
        api,
        TOKEN,
      ] as const);
      expect(fgkit).toEqual({
        error: {
          name: "FunctionGraphError",
          status: 0,
          code: "Redirect",
          message:
            "GET /v2/p/fgs/functions: the endpoint answered with a redirect, which is not followed (the browser hides where it led)",
        },
      });
      expect(elsewhere.requests).toEqual([]);

      // The control: the browser's own fetch follows, and the other origin is asked (a CORS
      // preflight for the token header, at least).
      await page.evaluate(([url, token]) => (globalThis as unknown as RedirectPageGlobals).plainFetch(url, token), [
        api,
        TOKEN,
      ] as const);
      expect(elsewhere.requests.map((request) => request.path)).toContain("/collect");

      expect(pageErrors).toEqual([]);
      expect(site.requests.filter((request) => request.path === "/v2/p/fgs/functions")).toHaveLength(2);
      await context.close();
    },
  );
});
