// The API reference page (Redoc, built from the bundled spec like `npm run docs` does) renders in
// Chromium and lists every operation of the spec: each one in the sidebar under its API group,
// with its summary, linking to its operationId.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announce, launchChromium, need, skipWithout } from "./support/chromium.js";

const require = createRequire(import.meta.url);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const specPath = require.resolve("@fgkit/spec/openapi.json");
const redocly = require.resolve("@redocly/cli/bin/cli.js");
const outDir = join(packageDir, "test-output", "reference");
const pagePath = join(outDir, "index.html");
const screenshotPath = join(packageDir, "test-output", "reference-page.png");

interface Operation {
  method: string;
  path: string;
  operationId: string;
  summary: string;
  group: string;
}

interface Spec {
  tags: { name: string }[];
  paths: Record<string, Record<string, { operationId?: string; summary?: string; tags?: string[] }>>;
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
const spec = JSON.parse(readFileSync(specPath, "utf8")) as Spec;
const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.has(method))
    .map(([method, op]) => ({
      method,
      path,
      operationId: op.operationId ?? "",
      summary: op.summary ?? "",
      group: op.tags?.[0] ?? "",
    })),
);

const launch = await launchChromium();
announce(launch, "reference-page.test.ts");
afterAll(() => launch.browser?.close());

beforeAll(() => {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const result = spawnSync(
    process.execPath,
    [
      redocly,
      "build-docs",
      specPath,
      "--inlineBundle",
      "--config",
      join(dirname(specPath), "..", "redocly.yaml"),
      "--title",
      "FunctionGraph API reference (fgkit)",
      "--output",
      pagePath,
    ],
    { encoding: "utf8", env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" } },
  );
  if (result.status !== 0) throw new Error(`redocly build-docs failed:\n${result.stdout}\n${result.stderr}`);
});

describe("the API reference page", () => {
  it("is built from the bundled spec as one self-contained file", () => {
    expect(operations.length).toBeGreaterThan(0);
    for (const op of operations) {
      expect(op.operationId, `${op.method} ${op.path} has an operationId`).not.toBe("");
      expect(op.summary, `${op.operationId} has a summary`).not.toBe("");
      expect(op.group, `${op.operationId} has a tag`).not.toBe("");
    }
    expect(statSync(pagePath).size).toBeGreaterThan(100_000);
    const html = readFileSync(pagePath, "utf8");
    // --inlineBundle: no script or stylesheet is loaded from elsewhere.
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/i);
    expect(html).not.toMatch(/<link[^>]+rel=["']stylesheet["'][^>]+href=["']https?:/i);
  });

  it.skipIf(skipWithout(launch))(
    `lists every operation of the spec in Chromium${launch.browser ? "" : ` (no browser: ${launch.reason})`}`,
    async () => {
      const browser = need(launch);
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      const pageErrors: string[] = [];
      page.on("pageerror", (error) => pageErrors.push(error.message));
      // Offline: only the file itself may load (the Redocly logo from its CDN is refused).
      await page.route("**/*", (route) => (/^(file|data|blob):/.test(route.request().url()) ? route.continue() : route.abort()));
      await page.goto(pathToFileURL(pagePath).href, { waitUntil: "load" });

      const groupLinks = page.locator('[data-component-name="Menu/MenuItem"].menu-item-type-group > a');
      await groupLinks.first().waitFor({ timeout: 30_000 });
      const groupNames = (await groupLinks.allInnerTexts()).map((t) => t.trim());
      expect(groupNames).toEqual(spec.tags.map((t) => t.name));

      // The sidebar shows one group at a time: open each and read the operations listed under it.
      const listed: { group: string; href: string; text: string }[] = [];
      for (let i = 0; i < groupNames.length; i++) {
        const group = groupNames[i] as string;
        await groupLinks.nth(i).evaluate((a: HTMLElement) => a.click());
        const items = groupLinks
          .nth(i)
          .locator("xpath=..")
          .locator('[data-component-name="Menu/MenuItem"].menu-item-type-operation > a');
        await items.first().waitFor({ timeout: 10_000 });
        for (const item of await items.all()) {
          listed.push({
            group,
            href: (await item.getAttribute("href")) ?? "",
            text: ((await item.textContent()) ?? "").replace(/\s+/g, " ").trim(),
          });
        }
      }

      const missing: string[] = [];
      for (const op of operations) {
        const entry = listed.find((l) => l.href.toLowerCase().endsWith(`/${op.operationId.toLowerCase()}`));
        if (!entry) missing.push(`${op.operationId} (${op.summary}): not in the sidebar`);
        else if (entry.group !== op.group) missing.push(`${op.operationId}: under "${entry.group}", not "${op.group}"`);
        else if (!entry.text.startsWith(op.summary))
          missing.push(`${op.operationId}: listed as "${entry.text}", not "${op.summary}"`);
      }
      expect(missing).toEqual([]);
      expect(listed).toHaveLength(operations.length);

      // Open one operation and keep a picture of the page for people to look at.
      const first = operations[0] as Operation;
      await groupLinks.nth(groupNames.indexOf(first.group)).evaluate((a: HTMLElement) => a.click());
      await page
        .locator(
          `[data-component-name="Menu/MenuItem"].menu-item-type-operation > a[href$="/${first.operationId.toLowerCase()}"]`,
        )
        .click();
      await page.getByRole("heading", { name: first.summary }).first().waitFor({ timeout: 10_000 });
      await page.screenshot({ path: screenshotPath });
      expect(pageErrors).toEqual([]);
      await context.close();
    },
  );
});
