// The TypeScript versions the README supports: a fresh project of the installed tarballs type-checks
// under the documented minimum (devDependency typescript-min), the version the repository builds with
// (typescript) and the newest release (typescript-latest), each pinned in this package's
// devDependencies, so nothing is downloaded here but the projects' own dependencies. The file is the
// fixture of consumers.test.ts: its @ts-expect-error lines fail when a type has become `any`. With
// skipLibCheck off, every declaration file is checked, openapi-fetch's too (its own need sets the
// minimum: before TypeScript 5.4 they do not type-check).
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { installProject } from "./support/install.js";
import { PACKAGE_ROOT, REPO_ROOT, tsc } from "./support/paths.js";

const exec = promisify(execFile);
const tarballs = inject("tarballs");
const workDir = inject("workDir");

type Compiler = "typescript-min" | "typescript" | "typescript-latest";
const compilers: Compiler[] = ["typescript-min", "typescript", "typescript-latest"];
const versionOf = (compiler: Compiler): string =>
  JSON.parse(readFileSync(join(PACKAGE_ROOT, "node_modules", compiler, "package.json"), "utf8")).version;

const strict = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: false,
  noEmit: true,
  target: "ES2022",
};
const dom = { lib: ["ES2022", "DOM", "DOM.Iterable"], types: [] }; // a browser project: no @types/node
const nodeOnly = { lib: ["ES2022"], types: ["node"] }; // a Node project: no DOM lib

interface Setting {
  type: "module" | "commonjs";
  compilerOptions: Record<string, unknown>;
  /** The compilers that have the setting; all when left out. */
  only?: Compiler[];
}

const settings: Record<string, Setting> = {
  "bundler, DOM lib, no @types/node": {
    type: "module",
    compilerOptions: { ...dom, module: "ESNext", moduleResolution: "bundler" },
  },
  "nodenext from ESM, @types/node, no DOM lib": {
    type: "module",
    compilerOptions: { ...nodeOnly, module: "NodeNext", moduleResolution: "NodeNext" },
  },
  "nodenext from CommonJS, @types/node, no DOM lib": {
    type: "commonjs",
    compilerOptions: { ...nodeOnly, module: "NodeNext", moduleResolution: "NodeNext" },
  },
  // Deprecated in TypeScript 6 and gone from 7.
  "node10, DOM lib": {
    type: "commonjs",
    compilerOptions: { ...dom, module: "CommonJS", moduleResolution: "node10" },
    only: ["typescript-min", "typescript"],
  },
};

// One project per package type, @types/node at the version this repository uses.
const typesNode: string = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")).devDependencies["@types/node"];
const dirOf = (type: Setting["type"]) => join(workDir, `ts-versions-${type}`);
const installs = new Map<Setting["type"], Promise<unknown>>();

beforeAll(async () => {
  for (const type of ["module", "commonjs"] as const)
    installs.set(
      type,
      installProject(dirOf(type), tarballs, {
        type,
        files: { "main.ts": join(PACKAGE_ROOT, "test", "fixtures", "ts", "main.ts") },
        dependencies: { "@types/node": typesNode },
      }),
    );
  await Promise.allSettled(installs.values());
});

it("the README documents the minimum that is tested here", () => {
  const [major, minor] = versionOf("typescript-min").split(".");
  for (const readme of ["README.md", "packages/client/README.md"])
    expect(readFileSync(join(REPO_ROOT, readme), "utf8"), readme).toContain(`TypeScript ≥ ${major}.${minor}`);
});

describe.each(compilers.map((compiler) => [versionOf(compiler), compiler] as const))("TypeScript %s (%s)", (_, compiler) => {
  const cases = Object.entries(settings).filter(([, setting]) => !setting.only || setting.only.includes(compiler));
  it.each(cases)("type-checks a strict consumer (skipLibCheck off): %s", async (name, setting) => {
    await installs.get(setting.type);
    const dir = dirOf(setting.type);
    const config = `tsconfig.${name.replace(/[^a-z0-9]+/gi, "-")}.json`;
    writeFileSync(
      join(dir, config),
      JSON.stringify({ compilerOptions: { ...strict, ...setting.compilerOptions }, files: ["main.ts"] }),
    );
    const result = await exec(tsc(compiler), ["-p", config, "--pretty", "false"], { cwd: dir }).catch(
      (error: { stdout?: string; stderr?: string }) => error,
    );
    expect(`${result.stdout ?? ""}${result.stderr ?? ""}`).toBe("");
  });
});
