import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The JSON report feeds the "N passed, N failed" line of the root test script.
    reporters: ["default", ["json", { outputFile: "test-output/vitest.json" }]],
    include: ["test/**/*.test.ts"],
    // Each file starts its own Chromium; a cold start can take a few seconds on a busy machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
