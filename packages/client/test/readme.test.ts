// The READMEs' TypeScript examples compile, strict, against the packages as they are: an example
// that drifts from the API (a renamed option, a removed export) fails here instead of misleading
// a reader. The official SDK's side of the migration examples is left out; names an example takes
// from the text around it (`client`, `projectId`, ...) are declared before it, and an export of
// @fgkit/client it uses without importing is imported. The one-line calls of the API groups table
// are examples too.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import * as clientExports from "../src/index.js";

const here = dirname(fileURLToPath(import.meta.url));
const packageDir = join(here, "..");
// The project's README and the two packages' own (their npm pages).
const readme = ["../../README.md", "README.md", "../helpers/README.md"]
  .map((file) => readFileSync(join(packageDir, file), "utf8"))
  .join("\n");

/** What an example may use without defining it, and how it is declared then. */
const CONTEXT: Record<string, string> = {
  ...Object.fromEntries(Object.keys(clientExports).map((name) => [name, `import { ${name} } from "@fgkit/client";`])),
  client: 'declare const client: import("@fgkit/client").FunctionGraphClient;',
  urn: "declare const urn: string;",
  projectId: "declare const projectId: string;",
  ak: "declare const ak: string;",
  sk: "declare const sk: string;",
  username: "declare const username: string;",
  password: "declare const password: string;",
  domainName: "declare const domainName: string;",
  // As the API groups table says.
  fn: 'const fn = { params: { path: { function_urn: "urn:fss:cn-north-4:<project>:function:default:hello:latest" } } };',
};

function defines(example: string, name: string): boolean {
  const imported = new RegExp(`import[^;]*\\b${name}\\b[^;]*from`).test(example);
  const declared = new RegExp(`\\b(const|let|function|interface)\\s+(\\{[^}]*\\b${name}\\b[^}]*\\}|${name}\\b)`).test(example);
  return imported || declared;
}

const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
  .map((match) => match[1] as string)
  .filter((example) => !example.startsWith("// official SDK"));

// A row of the API groups table: | group | ops | `one call` |. A loop's body, left as "…", is empty here.
const tableCalls = [...readme.matchAll(/^\|[^|`]+\|\s*\d+\s*\|\s*`(.+)`\s*\|$/gm)].map((match) =>
  (match[1] as string).replace(/ …$/, " {}"),
);

const examples = [...blocks, ...tableCalls];

it("finds the README's examples", () => {
  expect(blocks.length).toBeGreaterThanOrEqual(8);
  expect(tableCalls).toHaveLength(17); // one per API group
});

it("type-checks every fgkit example in the README (strict, exactOptionalPropertyTypes)", async () => {
  const dir = join(packageDir, "test-output", "readme-examples");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = examples.map((example, i) => {
    const context = Object.keys(CONTEXT)
      .filter((name) => new RegExp(`\\b${name}\\b`).test(example) && !defines(example, name))
      .map((name) => CONTEXT[name]);
    const file = join(dir, `example-${i}.ts`);
    writeFileSync(file, `${context.join("\n")}\n${example}\nexport {};\n`);
    return file;
  });
  const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
  // exactOptionalPropertyTypes too: `tsc --init` turns it on, and the README says the examples hold under it.
  const flags = ["--noEmit", "--strict", "--exactOptionalPropertyTypes", "--target", "es2022"];
  flags.push("--module", "nodenext", "--moduleResolution", "nodenext");
  const result = await promisify(execFile)(process.execPath, [tsc, ...flags, "--skipLibCheck", ...files], {
    cwd: packageDir,
  }).catch((error: { stdout?: string; stderr?: string }) => error);
  expect(`${result.stdout ?? ""}${result.stderr ?? ""}`).toBe("");
}, 60_000);
