import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The JSON report feeds the "N passed, N failed" line of the root test script.
    reporters: ["default", ["json", { outputFile: "test-output/vitest.json" }]],
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
  },
});
