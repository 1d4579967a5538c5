// Generates src/generated/functiongraph.ts from the bundled spec with openapi-typescript
// (`--check`: fails when the committed file is not what it would generate), marks its open enums so
// that editors suggest their values, and lets what a caller writes take `undefined` where it may be
// left out (see orUndefinedWhereCallersWrite).
//
// The request and response examples are left out of the generator's input: they are for the
// reference docs and the Prism mock, which read the spec itself, while in the declarations they were
// a fifth of the package's installed size as @example blocks few hovers need. The examples of single
// fields and parameters stay. So does every parameter's description but project_id's, which the
// client fills in.
import { readFileSync, writeFileSync } from "node:fs";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import ts from "typescript";

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

/** What a local `$ref` (`#/components/schemas/Name`) points at in `spec`. */
const resolvePointer = (spec, ref) =>
  ref
    .slice(2)
    .split("/")
    .map((key) => key.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce((node, key) => node?.[key], spec);

/** The schemas a request body reaches, through any depth of `$ref`. */
function schemasCallersWrite(spec) {
  const refsIn = (node, found = []) => {
    if (Array.isArray(node)) for (const item of node) refsIn(item, found);
    else if (node && typeof node === "object")
      for (const [key, value] of Object.entries(node)) key === "$ref" ? found.push(value) : refsIn(value, found);
    return found;
  };
  const pending = [];
  for (const item of Object.values(spec.paths ?? {}))
    for (const operation of Object.values(item)) if (operation?.requestBody) pending.push(...refsIn(operation.requestBody));
  pending.push(...refsIn(spec.components?.requestBodies ?? {}));
  const reached = new Set();
  while (pending.length > 0) {
    const ref = pending.pop();
    if (reached.has(ref)) continue;
    reached.add(ref);
    pending.push(...refsIn(resolvePointer(spec, ref)));
  }
  return new Set([...reached].filter((ref) => ref.startsWith("#/components/schemas/")));
}

/** Whether the parameter at `#/paths/<path>/<method>/parameters/<in>/<name>` is required. */
function parameterRequired(spec, pointer) {
  const [, operation, where, name] = pointer.match(/^(#\/paths\/[^/]+\/[^/]+)\/parameters\/([^/]+)\/([^/]+)$/) ?? [];
  if (operation === undefined) throw new Error(`not an operation's parameter: ${pointer}`);
  const item = resolvePointer(spec, operation.replace(/\/[^/]+$/, ""));
  const declared = [...(resolvePointer(spec, operation)?.parameters ?? []), ...(item?.parameters ?? [])];
  const all = declared.map((p) => (p?.$ref ? resolvePointer(spec, p.$ref) : p));
  const parameter = all.find((p) => p?.in === where && p?.name === name);
  if (!parameter) throw new Error(`no parameter at ${pointer}`);
  return parameter.required === true;
}

const orUndefined = (type) =>
  ts.factory.createUnionTypeNode([
    ...(ts.isUnionTypeNode(type) ? type.types : [type]),
    ts.factory.createKeywordTypeNode(ts.SyntaxKind.UndefinedKeyword),
  ]);

/**
 * Under `exactOptionalPropertyTypes` (which `tsc --init` turns on) an optional `marker?: string`
 * refuses `{ marker: undefined }`, so `{ marker: next }` with `next: string | undefined` would not
 * compile. The optional query and header parameters, and the optional fields of every schema a
 * request body reaches, take `undefined` too (what it means: left out; the client sends nothing for
 * it). Answers keep their plain optional fields: reading one gives `undefined` either way, and the
 * 100-odd answer-only schemas would add kilobytes to every install.
 */
function orUndefinedWhereCallersWrite(spec) {
  const written = schemasCallersWrite(spec);
  const inWrittenSchema = (path) => {
    const name = /^#\/components\/schemas\/[^/]+/.exec(path)?.[0];
    return name !== undefined && written.has(name);
  };
  return {
    transformProperty(property, _schema, options) {
      if (!property.questionToken || !inWrittenSchema(options.path)) return undefined;
      return ts.factory.updatePropertySignature(
        property,
        property.modifiers,
        property.name,
        property.questionToken,
        orUndefined(property.type),
      );
    },
    postTransform(type, options) {
      if (!/\/parameters\/(query|header|cookie)\/[^/]+$/.test(options.path)) return undefined;
      return parameterRequired(spec, options.path) ? undefined : orUndefined(type);
    },
  };
}

/**
 * The same for an operation's optional groups of parameters (`params: { query: maybe }`), which
 * openapi-typescript writes without a hook: `query?: {` ... `};` becomes `} | undefined;`.
 */
function withOptionalParameterGroupsUndefined(source) {
  const lines = source.split("\n");
  let closing;
  for (let i = 0; i < lines.length; i++) {
    const opened = /^(\s+)(query|header|cookie)\?: \{$/.exec(lines[i]);
    if (opened) closing = `${opened[1]}};`;
    else if (closing !== undefined && lines[i] === closing) {
      lines[i] = `${closing.slice(0, -2)}} | undefined;`;
      closing = undefined;
    }
  }
  return lines.join("\n");
}

const check = process.argv.includes("--check");
const spec = withoutProjectIdDescription(withoutBodyExamples(JSON.parse(readFileSync(SPEC, "utf8"))));
const ast = await openapiTS(spec, { defaultNonNullable: false, silent: true, ...orUndefinedWhereCallersWrite(spec) });
const generated = withOptionalParameterGroupsUndefined(withOpenEnumsSuggested(`${COMMENT_HEADER}${astToString(ast)}`));
if (!check) writeFileSync(OUTPUT, generated);
else if (readFileSync(OUTPUT, "utf8") !== generated) {
  process.stderr.write(`${OUTPUT} is not what the spec generates: run \`pnpm generate\` and commit the result.\n`);
  process.exitCode = 1;
} else process.stdout.write(`${OUTPUT} is up to date.\n`);
