// A node:test reporter that writes the counts the root test script sums up (it reads every
// package's test-output/vitest.json), in the fields of vitest's JSON report it uses.
import { mkdirSync, writeFileSync } from "node:fs";

export default async function* vitestJsonReporter(source) {
  const counts = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 };
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    if (event.data.details?.type === "suite") continue;
    if (event.data.skip) counts.numPendingTests++;
    else if (event.data.todo) counts.numTodoTests++;
    else if (event.type === "test:pass") counts.numPassedTests++;
    else counts.numFailedTests++;
  }
  mkdirSync("test-output", { recursive: true });
  writeFileSync("test-output/vitest.json", `${JSON.stringify({ ...counts, success: counts.numFailedTests === 0 })}\n`);
  yield "";
}
