// Headless Chromium for the browser tests, or the reason there is none.
//
// The tests use the system's Chromium (Debian's `chromium` package, /usr/bin/chromium) through
// playwright-core, which downloads nothing. CHROMIUM_PATH points at another binary. When no
// Chromium starts, the tests are skipped with the reason printed; FGKIT_REQUIRE_BROWSER=1 turns
// that into a failure (for a CI that must run them).
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export const requireBrowser = process.env.FGKIT_REQUIRE_BROWSER === "1";

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const dirs = ["/usr/bin", ...(process.env.PATH ?? "").split(delimiter)].filter(Boolean);
  for (const name of ["chromium", "chromium-browser"]) {
    for (const dir of dirs) if (executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

export type Launch = { browser: Browser; reason?: undefined } | { browser?: undefined; reason: string };

export async function launchChromium(): Promise<Launch> {
  const executablePath = findChromium();
  if (!executablePath) {
    return { reason: "Chromium is not installed (no chromium on PATH or /usr/bin; set CHROMIUM_PATH)" };
  }
  try {
    const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, timeout: 30_000 });
    return { browser };
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return { reason: `Chromium at ${executablePath} did not start: ${message}` };
  }
}

/** Prints why the browser tests are skipped (or will fail), once per test file. */
export function announce(launch: Launch, file: string): void {
  if (launch.browser) return;
  const what = requireBrowser ? "FAILING (FGKIT_REQUIRE_BROWSER=1)" : "SKIPPED";
  // biome-ignore lint/suspicious/noConsole: the reason a test is skipped must reach the log
  console.warn(`\n[@fgkit/browser-tests] ${file}: ${what}: ${launch.reason}\n`);
}

/** Skip only when there is no browser and it is not required; a required one fails in `need`. */
export const skipWithout = (launch: Launch): boolean => !launch.browser && !requireBrowser;

export function need(launch: Launch): Browser {
  if (!launch.browser) throw new Error(`no browser: ${launch.reason}`);
  return launch.browser;
}
