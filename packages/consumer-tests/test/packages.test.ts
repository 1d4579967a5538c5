// The tarballs as published: publint (strict: warnings fail too) for every package, attw for the two
// with code, and the shape of what ships (ESM + CJS builds, CJS-typed declarations, no source maps).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import ts from "typescript";
import { describe, expect, inject, it } from "vitest";
import { bin, PUBLISHED, REPO_ROOT } from "./support/paths.js";

const tarballs = inject("tarballs");
const workDir = inject("workDir");

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function filesOf(name: string): string[] {
  return execFileSync("tar", ["-tzf", tarballs[name] as string], { encoding: "utf8" })
    .split("\n")
    .filter(Boolean)
    .map((file) => file.replace(/^package\//, ""));
}

function unpacked(name: string): string {
  const dir = join(workDir, "unpacked", name);
  mkdirSync(dir, { recursive: true });
  execFileSync("tar", ["-xzf", tarballs[name] as string, "-C", dir, "--strip-components=1"]);
  return dir;
}

describe.each(Object.entries(PUBLISHED))("%s", (name, dir) => {
  it("passes publint --strict", () => {
    const { status, output } = run(bin("publint"), ["--strict", "."], join(REPO_ROOT, dir));
    expect(output).toContain("All good!");
    expect(status, output).toBe(0);
  });

  it("ships its README (the npm page) and no source maps, sources or tests", () => {
    const files = filesOf(name);
    expect(files).toContain("package.json");
    expect(files).toContain("README.md");
    expect(files.filter((file) => /\.map$|^src\/|^test\/|\.test\./.test(file))).toEqual([]);
  });
});

describe.each(["@fgkit/helpers", "@fgkit/client"])("%s", (name) => {
  it("has no problem for attw (node10, node16 from CJS and ESM, bundler)", () => {
    const { status, output } = run(bin("attw"), [tarballs[name] as string, "--format", "table-flipped"], workDir);
    expect(output).toContain("No problems found");
    expect(status, output).toBe(0);
  });

  it("ships an ESM and a CJS build, the CommonJS files named so by their extension (no folder of their own)", () => {
    const files = filesOf(name);
    for (const file of ["dist/index.js", "dist/index.d.ts", "dist/index.cjs", "dist/index.d.cts"]) expect(files).toContain(file);
    expect(files.filter((file) => file.startsWith("dist/") && file.split("/").length > 2)).toEqual([]);
    const root = unpacked(name);
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(pkg).toMatchObject({ type: "module", sideEffects: false, license: "Apache-2.0", engines: { node: ">=18.15" } });
    expect(pkg.repository?.url).toMatch(/^git\+https:/);
    expect(pkg.keywords?.length).toBeGreaterThan(0);
    // pnpm pack turns workspace: ranges into versions; a workspace: range would not install anywhere.
    expect(JSON.stringify(pkg.dependencies ?? {})).not.toContain("workspace:");
  });

  it("ships its declarations once: dist/index.d.cts, which dist/index.d.ts re-exports for ESM", () => {
    expect(filesOf(name).filter((file) => /\.d\.c?ts$/.test(file))).toEqual(["dist/index.d.cts", "dist/index.d.ts"]);
    const root = unpacked(name);
    expect(readFileSync(join(root, "dist", "index.d.ts"), "utf8").trim()).toBe('export * from "./index.cjs";');
    // One file, with @fgkit/helpers and openapi-fetch left as imports (not inlined).
    expect(readFileSync(join(root, "dist", "index.d.cts"), "utf8")).not.toMatch(/from ["']\./);
  });

  it("has CJS bundles without import.meta, top-level await or #subpath imports", () => {
    const root = unpacked(name);
    const bundles = filesOf(name).filter((file) => file.endsWith(".cjs"));
    expect(bundles.length).toBeGreaterThan(0);
    for (const file of bundles) {
      const code = readFileSync(join(root, file), "utf8");
      expect(code, file).not.toMatch(/import\.meta|require\("#|^await /m);
      expect(code, file).toMatch(/^["']use strict["'];/); // ESM code is strict code
    }
  });
});

/** Every module that `entry` loads, as resolved under `conditions` (relative and #subpath imports). */
function moduleGraph(root: string, entry: string, conditions: string[]): Set<string> {
  const imports: Record<string, string | Record<string, string>> = JSON.parse(
    readFileSync(join(root, "package.json"), "utf8"),
  ).imports;
  const pick = (target: string | Record<string, string>) =>
    typeof target === "string"
      ? target
      : (Object.entries(target).find(([c]) => [...conditions, "default"].includes(c))?.[1] as string);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!existsSync(join(root, file))) return; // not shipped: the caller reports it
    const code = readFileSync(join(root, file), "utf8");
    for (const { fileName: specifier } of ts.preProcessFile(code, true, true).importedFiles) {
      if (specifier.startsWith(".")) visit(relative(root, join(root, dirname(file), specifier)));
      else if (specifier.startsWith("#")) {
        const target = imports[specifier];
        visit(target ? relative(root, join(root, pick(target))) : specifier); // unmapped: reported as missing
      }
    }
  };
  visit(entry);
  return seen;
}

describe("@fgkit/helpers", () => {
  it("ships the Web ESM build whole, and no module that only Node's build uses", () => {
    const root = unpacked("@fgkit/helpers");
    const files = filesOf("@fgkit/helpers");
    const web = moduleGraph(root, "dist/index.js", ["browser", "import"]);
    expect([...web].filter((file) => !files.includes(file))).toEqual([]);
    // Node gets the bundles; Node-only modules stay out through the "!dist/..." entries of "files".
    const perModule = files.filter((file) => file.endsWith(".js") && file !== "dist/index.node.js");
    expect(perModule.filter((file) => !web.has(file))).toEqual([]);
  });

  it("ships single-module builds: Node's for each format (the cold-start design), and the Web ones (fewer files to install)", () => {
    const files = filesOf("@fgkit/helpers");
    const builds = ["dist/index.node.js", "dist/index.node.cjs", "dist/index.js", "dist/index.cjs"];
    for (const file of builds) expect(files).toContain(file);
    expect(files.filter((file) => /\.c?js$/.test(file))).toEqual(expect.arrayContaining(builds));
    expect(files.filter((file) => /\.c?js$/.test(file))).toHaveLength(builds.length);
    const root = unpacked("@fgkit/helpers");
    for (const file of builds) {
      const code = readFileSync(join(root, file), "utf8");
      // Bundled: no relative or #subpath imports left to resolve at startup.
      expect(code, file).not.toMatch(/from "\.|require\("\.|from "#|require\("#/);
    }
  });
});
