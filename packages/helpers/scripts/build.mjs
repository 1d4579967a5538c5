// Builds dist/ for @fgkit/helpers. Published ("files" in package.json) and picked by "exports":
//
//   dist/index.js               Web ESM, one bundle made with the browser condition (Web Crypto,
//                               fetch); bundlers tree-shake it as they would separate modules (the
//                               package has no side effects), and one file installs smaller than 45.
//   dist/index.cjs              Web CommonJS, the same bundle as CommonJS.
//   dist/index.node.cjs         Node CommonJS, one bundle made with the node condition
//                               (node:crypto signing, the direct transport over undici's dispatcher).
//   dist/index.node.js          Node ESM, the same bundle as ESM (the cold-start design: one module
//                               to load; re-exporting the CommonJS bundle instead costs Node 20 ~10 ms
//                               for its CommonJS-from-ESM loader).
//   dist/index.d.cts            the declarations, and dist/index.d.ts over them (declarations.mjs).
//
// Every bundle is syntax-minified (esbuild's minifySyntax: `void 0`, `!0`, shorter conditionals), with
// names, line breaks and indentation kept, so a stack trace or a step into node_modules still reads:
// about 4% smaller on disk.
//
// The CommonJS files say so by their extension (.cjs, .d.cts) rather than by a package.json of type
// "commonjs" in a folder of their own: two files and a folder fewer to install.
//
// tsc leaves per-module ESM, declarations and source maps in dist/ (the bundles are made from them):
// the package's own tests and type check reach them through "imports", but they are not published.
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { buildSync } from "esbuild";
import { bundleDeclarations } from "./declarations.mjs";

rmSync("dist", { recursive: true, force: true });

// Type check, and the per-module ESM.
execFileSync("tsc", ["-p", "tsconfig.build.json"], { stdio: "inherit" });

// The version the Node transport's User-Agent names (transport/user-agent.ts).
const { version } = JSON.parse(readFileSync("package.json", "utf8"));
const define = { FGKIT_HELPERS_VERSION: JSON.stringify(version) };

// From tsc's output; the platform's condition resolves #crypto and #platform.
for (const [platform, format, outfile, target] of [
  ["node", "esm", "dist/index.node.js", "node20"],
  ["node", "cjs", "dist/index.node.cjs", "node20"],
  ["browser", "cjs", "dist/index.cjs", "es2022"],
]) {
  // The Node CommonJS build loads Node built-ins with its require; the ESM one has none (transport/node-builtin.ts).
  const built = { ...define, FGKIT_COMMONJS_REQUIRE: format === "cjs" ? "require" : "undefined" };
  buildSync({
    entryPoints: ["dist/index.js"],
    outfile,
    bundle: true,
    platform,
    format,
    target,
    define: built,
    minifySyntax: true,
    logLevel: "warning",
  });
}

// The Web ESM bundle last, in place of tsc's dist/index.js (the entry the bundles above start from).
const [web] = buildSync({
  entryPoints: ["dist/index.js"],
  bundle: true,
  platform: "browser",
  format: "esm",
  target: "es2022",
  define,
  write: false,
  minifySyntax: true,
  logLevel: "warning",
}).outputFiles;
writeFileSync("dist/index.js", web.contents);

bundleDeclarations();
