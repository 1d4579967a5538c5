// One copy of the declarations: dts-bundle-generator rolls them up into dist/index.d.cts, read as
// CommonJS by its extension, and dist/index.d.ts re-exports it for ESM importers. A
// CommonJS file cannot import ESM types under moduleResolution node16, while ESM can import
// CommonJS ones, so the file itself lives on the CommonJS side.
import { rmSync, writeFileSync } from "node:fs";
import { generateDtsBundle } from "dts-bundle-generator";

export function bundleDeclarations() {
  const [bundled] = generateDtsBundle(
    // exportReferencedTypes: false keeps the public names exactly those of src/index.ts.
    [{ filePath: "src/index.ts", output: { noBanner: true, exportReferencedTypes: false } }],
    { preferredConfigPath: "tsconfig.build.json" },
  );
  writeFileSync("dist/index.d.cts", bundled);
  writeFileSync("dist/index.d.ts", 'export * from "./index.cjs";\n');
  rmSync("dist/index.d.ts.map", { force: true }); // tsc's map of the file this replaces
}
