import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // The JSON report feeds the "N passed, N failed" line of the root test script.
    reporters: ["default", ["json", { outputFile: "test-output/vitest.json" }]],
    include: ["test/**/*.test.ts"],
    // Property tests make hundreds of signatures and real loopback requests; on a 2-core CI machine that
    // also runs Chromium and the other packages' tests they have taken over 5 s (vitest's default).
    testTimeout: 30_000,
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
  },
});
