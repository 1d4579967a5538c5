// Builds dist/ for @fgkit/client, all of it published ("files" in package.json):
//
//   dist/index.js        ESM, one bundle of src/ for every platform; @fgkit/helpers and
//                        openapi-fetch stay imports, resolved by the user's conditions.
//   dist/index.cjs       the same bundle as CommonJS.
//   dist/index.d.cts     the declarations, and dist/index.d.ts over them (declarations.mjs).
//
// The CommonJS files say so by their extension rather than by a package.json of type "commonjs" in
// a folder of their own: two files and a folder fewer to install.
import { readFileSync, rmSync } from "node:fs";
import { buildSync } from "esbuild";
import { bundleDeclarations } from "./declarations.mjs";

rmSync("dist", { recursive: true, force: true });

// Type-checks what src/index.ts reaches: a type error there fails the build (npm test checks all of src).
bundleDeclarations();

// Syntax-minified, names and line breaks kept (as @fgkit/helpers: smaller on disk, still readable).
const shared = {
  bundle: true,
  packages: "external",
  platform: "neutral",
  target: "es2022",
  minifySyntax: true,
  logLevel: "warning",
};
buildSync({ ...shared, entryPoints: ["src/index.ts"], format: "esm", outfile: "dist/index.js" });
// From the ESM bundle, so that both formats run the same code. Read as stdin, not as a file of this
// "type": "module" package: esbuild would then give openapi-fetch's CommonJS build Node's ESM interop,
// where the default import is the whole exports object rather than its `default`.
buildSync({
  ...shared,
  stdin: { contents: readFileSync("dist/index.js", "utf8"), resolveDir: "." },
  format: "cjs",
  banner: { js: "'use strict';" },
  outfile: "dist/index.cjs",
});
