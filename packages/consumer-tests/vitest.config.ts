import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The JSON report feeds the "N passed, N failed" line of the root test script.
    reporters: ["default", ["json", { outputFile: "test-output/vitest.json" }]],
    include: ["test/**/*.test.ts"],
    // Packs @fgkit/helpers, @fgkit/client and @fgkit/spec once; every test file uses the tarballs.
    globalSetup: ["test/support/pack.ts"],
    // npm install of the tarballs (openapi-fetch comes from the registry or the npm cache) and tsc.
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
