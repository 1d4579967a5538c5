// Generates src/generated/functiongraph.ts from the bundled spec with openapi-typescript
// (`--check`: fails when the committed file is not what it would generate), and marks its open
// enums so that editors suggest their values.
//
// The request and response examples are left out of the generator's input: they are for the
// reference docs and the Prism mock, which read the spec itself, while in the declarations they were
// a fifth of the package's installed size as @example blocks few hovers need. The examples of single
// fields and parameters stay. So does every parameter's description but project_id's, which the
// client fills in.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const SPEC = "../../spec/dist/openapi.json";
const OUTPUT = "src/generated/functiongraph.ts";

/** A request body or response without the examples of its media types. */
function withoutExamples(body) {
  if (!body?.content) return body;
  const content = {};
  for (const [mediaType, { example, examples, ...rest }] of Object.entries(body.content)) content[mediaType] = rest;
  return { ...body, content };
}

/** The spec with every request body's and response's media type examples dropped. */
function withoutBodyExamples(spec) {
  const copy = structuredClone(spec);
  for (const item of Object.values(copy.paths ?? {}))
    for (const operation of Object.values(item)) {
      if (!operation || typeof operation !== "object" || Array.isArray(operation)) continue;
      if (operation.requestBody) operation.requestBody = withoutExamples(operation.requestBody);
      for (const status of Object.keys(operation.responses ?? {}))
        operation.responses[status] = withoutExamples(operation.responses[status]);
    }
  for (const group of ["requestBodies", "responses"])
    for (const name of Object.keys(copy.components?.[group] ?? {}))
      copy.components[group][name] = withoutExamples(copy.components[group][name]);
  return copy;
}

/**
 * The spec without the description of the project_id path parameter: the client fills it in, so no
 * caller writes it, and openapi-typescript would repeat its text at each of the 93 operations (16 KB
 * of the installed declarations).
 */
function withoutProjectIdDescription(spec) {
  const projectId = spec.components?.parameters?.ProjectId;
  if (projectId?.name !== "project_id") throw new Error("the spec's ProjectId parameter is not project_id");
  delete projectId.description;
  return spec;
}

/**
 * An open enum (the known values, or any other string: `anyOf: [{ enum }, { type: string }]`) comes
 * out as `("a" | "b") | string`, which TypeScript reduces to `string`: editors then suggest none of
 * the values. `(string & {})` takes any string as well but keeps the literals apart, so `runtime`
 * offers "Node.js20.15" and the rest. (The client's types leave out openapi-fetch's Readable and
 * Writable mappings, which would turn that intersection into an object type: see call-types.ts.)
 */
function withOpenEnumsSuggested(source) {
  return source.replace(/^(\s+\w+: \("[^"\n]*"(?: \| "[^"\n]*")*\)) \| string;$/gm, "$1 | (string & {});");
}

const check = process.argv.includes("--check");
const spec = withoutProjectIdDescription(withoutBodyExamples(JSON.parse(readFileSync(SPEC, "utf8"))));
const dir = mkdtempSync(join(tmpdir(), "fgkit-types-"));
try {
  const input = join(dir, "openapi.json");
  const output = join(dir, "functiongraph.ts");
  writeFileSync(input, JSON.stringify(spec));
  // The package's exports do not list its CLI; it sits beside dist/ in the package.
  const cli = join(dirname(createRequire(import.meta.url).resolve("openapi-typescript")), "..", "bin", "cli.js");
  const args = [cli, input, "-o", output, "--default-non-nullable", "false"];
  const { status } = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "inherit"] });
  if (status !== 0) throw new Error(`openapi-typescript failed (${status})`);
  const generated = withOpenEnumsSuggested(readFileSync(output, "utf8"));
  if (!check) writeFileSync(OUTPUT, generated);
  else if (readFileSync(OUTPUT, "utf8") !== generated) {
    process.stderr.write(`${OUTPUT} is not what the spec generates: run \`pnpm generate\` and commit the result.\n`);
    process.exitCode = 1;
  } else process.stdout.write(`${OUTPUT} is up to date.\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
