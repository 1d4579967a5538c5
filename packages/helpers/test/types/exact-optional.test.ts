// Under exactOptionalPropertyTypes (on in a `tsc --init` project), an optional field that does not
// also take undefined refuses a value forwarded from the caller's own optional input. Every optional
// input of the exports takes undefined, as the code always did; this compiles a consumer that
// forwards such values, with that setting on, against the built declarations (the package's own
// tsconfig leaves it off). Run after the build, as the other tests are.
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const packageDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const CONSUMER = `import { computeSignature, parseEndpoint } from "../../dist/index.js";
declare const given: { body?: string | undefined; allowInsecureHttp?: boolean | undefined };
export const signature = computeSignature(
  { method: "POST", url: new URL("https://functiongraph.cn-north-4.myhuaweicloud.com/v2/p/fgs/functions"), headers: [], body: given.body },
  { ak: "AK", sk: "SK" },
);
export const endpoint = parseEndpoint("endpoint", "https://example.com", { allowInsecureHttp: given.allowInsecureHttp });
`;

it("optional inputs take undefined under exactOptionalPropertyTypes (computeSignature's body, parseEndpoint's options)", async () => {
  const dir = join(packageDir, "test-output", "exact-optional");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "consumer.ts");
  writeFileSync(file, CONSUMER);
  const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
  const flags = ["--noEmit", "--strict", "--exactOptionalPropertyTypes", "--module", "nodenext", "--target", "es2022"];
  const result = await promisify(execFile)(
    process.execPath,
    [tsc, ...flags, "--lib", "es2022,dom,dom.iterable", "--types", "node", "--skipLibCheck", file],
    {
      cwd: packageDir,
    },
  ).catch((error: { stdout?: string; stderr?: string }) => error);
  expect(`${result.stdout ?? ""}${result.stderr ?? ""}`).toBe("");
}, 60_000);
