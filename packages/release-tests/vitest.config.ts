import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The JSON report feeds the "N passed, N failed" line of the root test script.
    reporters: ["default", ["json", { outputFile: "test-output/vitest.json" }]],
    include: ["test/**/*.test.ts"],
    // The tests read the repository's own .changeset/ and package.json files, which turbo does
    // not hash for this package: its turbo.json turns caching off so they always run.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
