// Bundles a page script of test/page/ for the browser, as a user's bundler would build the packages.
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";

export async function bundlePage(script: string): Promise<{ code: string; metafile: Metafile }> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(`../page/${script}`, import.meta.url))],
    absWorkingDir: fileURLToPath(new URL("../..", import.meta.url)),
    // One tsconfig for every file, as for a user of the published package: without it esbuild would
    // apply packages/helpers/tsconfig.json (not published) to the helpers' own files, `paths` included.
    tsconfig: fileURLToPath(new URL("../../tsconfig.json", import.meta.url)),
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return { code: result.outputFiles[0]?.text ?? "", metafile: result.metafile };
}
