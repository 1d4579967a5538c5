// The two size rows: the browser bundle (esbuild, minified, gzip) and the installed size of the
// runtime dependencies, fgkit's and the official SDK's measured the same way.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

async function gzippedBundle(contents: string, resolveDir: string): Promise<number> {
  const result = await build({
    stdin: { contents, resolveDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents;
  if (!code) throw new Error("esbuild produced nothing");
  return gzipSync(code, { level: 9 }).byteLength;
}

/** Gzipped bytes of a browser bundle of client + helpers, and of openapi-fetch alone. */
export async function bundleSizes(benchDir: string): Promise<{ fgkit: number; openapiFetch: number }> {
  const fgkit = await gzippedBundle(
    `export { createFunctionGraphClient, paginateListFunctions, invokeFunction } from "@fgkit/client";
     export { signRequest } from "@fgkit/helpers";`,
    benchDir,
  );
  const clientDir = realpathSync(join(benchDir, "node_modules/@fgkit/client"));
  const openapiFetch = await gzippedBundle(`export { default } from "openapi-fetch";`, clientDir);
  return { fgkit, openapiFetch };
}

const run = (command: string, args: string[], cwd: string) => {
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed in ${cwd}: ${result.stderr}`);
  return result.stdout;
};

/** Kilobytes on disk, as `du -sk` counts them. */
const du = (dir: string) => Number(run("du", ["-sk", dir], dir).split("\t")[0]) * 1024;

/** Finds `name` as Node would from inside `fromDir` (pnpm keeps a package's dependencies beside it). */
function locate(name: string, fromDir: string): string {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`cannot find ${name} from ${fromDir}`);
  }
}

/** Copies packages and their whole dependency closure into `target` (a node_modules), as an install lays it out. */
function installClosure(roots: string[], target: string): void {
  const placed = new Map<string, string>(); // name -> version at the top level
  const queue = roots.map((dir) => ({ dir, into: target }));
  const done = new Set<string>();
  while (queue.length) {
    const { dir, into } = queue.shift() as { dir: string; into: string };
    if (done.has(dir)) continue;
    done.add(dir);
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const atTop = placed.get(manifest.name);
    // Another version already at the top level goes under its dependent, as npm nests it.
    const destination =
      atTop === undefined || atTop === manifest.version ? join(target, manifest.name) : join(into, manifest.name);
    if (atTop === undefined) placed.set(manifest.name, manifest.version);
    if (!existsSync(destination))
      cpSync(dir, destination, { recursive: true, dereference: true, filter: (src) => !src.endsWith("/node_modules") });
    for (const dependency of Object.keys(manifest.dependencies ?? {}))
      queue.push({ dir: locate(dependency, dir), into: join(destination, "node_modules") });
  }
}

/** Bytes on disk of the installed runtime dependencies: fgkit's two packed packages plus openapi-fetch, and the official SDK. */
export function installedSizes(benchDir: string): { fgkit: number; official: number } {
  const work = mkdtempSync(join(tmpdir(), "fgkit-size-"));
  try {
    // fgkit: the tarballs `npm pack` makes (what npm would install), then openapi-fetch and its dependencies.
    const fgkitModules = join(work, "fgkit", "node_modules");
    for (const name of ["helpers", "client"]) {
      const packageDir = realpathSync(join(benchDir, "node_modules/@fgkit", name));
      const packed = JSON.parse(run("npm", ["pack", "--json", "--silent", "--pack-destination", work], packageDir));
      const into = join(fgkitModules, "@fgkit", name);
      mkdirSync(into, { recursive: true });
      run("tar", ["-xzf", join(work, packed[0].filename), "-C", into, "--strip-components=1"], work);
    }
    installClosure([locate("openapi-fetch", realpathSync(join(benchDir, "node_modules/@fgkit/client")))], fgkitModules);

    // The official SDK: the functiongraph package, its core and everything below, and uuid, which it needs to load.
    const officialModules = join(work, "official", "node_modules");
    installClosure([locate("@huaweicloud/huaweicloud-sdk-functiongraph", benchDir), locate("uuid", benchDir)], officialModules);
    return { fgkit: du(fgkitModules), official: du(officialModules) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
