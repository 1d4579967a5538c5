// Fails when dist/openapi.json is not what bundling the YAML sources gives now (run `pnpm generate`).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "fgkit-bundle-"));
try {
  const fresh = join(dir, "openapi.json");
  execFileSync("redocly", ["bundle", "openapi.yaml", "-o", fresh, "--ext", "json"], {
    cwd: root,
    env: { ...process.env, REDOCLY_TELEMETRY: "off" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (readFileSync(fresh, "utf8") !== readFileSync(join(root, "dist/openapi.json"), "utf8")) {
    console.error("spec/dist/openapi.json is stale: run `pnpm generate` and commit the result");
    process.exit(1);
  }
  console.log("check-bundle: spec/dist/openapi.json matches the YAML sources");
} finally {
  rmSync(dir, { recursive: true, force: true });
}
