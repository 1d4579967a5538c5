// The root test command: lint, the changeset check, then every package's tests through turbo (spec
// lint and freshness, unit, type, contract, browser and release tests), then one closing
// "N passed, N failed" line for CI.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { delimiter, join } from "node:path";

// node_modules/.bin first, so the script also works when run directly rather than through npm.
const bin = join(process.cwd(), "node_modules", ".bin");
const env = {
  ...process.env,
  PATH: `${bin}${delimiter}${process.env.PATH}`,
  TURBO_TELEMETRY_DISABLED: "1",
  REDOCLY_TELEMETRY: "off",
};
const run = (command, args) => spawnSync(command, args, { stdio: "inherit", env }).status ?? 1;

const reports = readdirSync("packages").map((name) => join("packages", name, "test-output", "vitest.json"));
for (const report of reports) rmSync(report, { force: true });

let status = run("biome", ["check", "."]);
status = run("node", ["scripts/check-changesets.mjs"]) || status; // generated types changed => a changeset
status = run("turbo", ["run", "test", "--output-logs=new-only", "--continue"]) || status;

let passed = 0;
let failed = 0;
let skipped = 0;
for (const report of reports.filter((r) => existsSync(r))) {
  const result = JSON.parse(readFileSync(report, "utf8"));
  passed += result.numPassedTests;
  failed += result.numFailedTests;
  skipped += result.numPendingTests + result.numTodoTests;
}
if (status !== 0 && failed === 0) failed = 1; // a failing lint, type check or spec check counts too
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(status);
