// One copy of the declarations, generated operation types included (half a megabyte, mostly the
// API's own documentation): dts-bundle-generator rolls them up into dist/index.d.cts, read as
// CommonJS by its extension, and dist/index.d.ts re-exports it for ESM importers. A
// CommonJS file cannot import ESM types under moduleResolution node16, while ESM can import
// CommonJS ones, so the file itself lives on the CommonJS side.
import { mkdirSync, writeFileSync } from "node:fs";
import { generateDtsBundle } from "dts-bundle-generator";

export function bundleDeclarations() {
  const [bundled] = generateDtsBundle(
    // exportReferencedTypes: false keeps the public names exactly those of src/index.ts.
    [{ filePath: "src/index.ts", output: { noBanner: true, exportReferencedTypes: false } }],
    // followSymlinks: false keeps @fgkit/helpers (a workspace link) an import rather than inlined.
    { preferredConfigPath: "tsconfig.build.json", followSymlinks: false },
  );
  mkdirSync("dist", { recursive: true });
  writeFileSync("dist/index.d.cts", bundled);
  writeFileSync("dist/index.d.ts", 'export * from "./index.cjs";\n');
}
