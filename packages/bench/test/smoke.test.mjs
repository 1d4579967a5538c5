// The harness itself, so that the bench cannot rot: a few calls in every mode and every row, and a
// loud failure when the server's answers are wrong. (The full run is `npm run bench`.)
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const run = (...args) =>
  spawnSync(process.execPath, [fileURLToPath(new URL("../dist/run.js", import.meta.url)), "--smoke", ...args], {
    encoding: "utf8",
    timeout: 120_000,
  });

test("a smoke run measures every mode and prints every row", () => {
  const result = run();
  assert.equal(result.status, 0, result.stderr);
  for (const mode of ["official@1", "fgkit@1", "fetch@1", "http@1", "official@16", "fgkit@16", "fetch@16", "http@16"])
    assert.match(result.stderr, new RegExp(`${mode} \\d+\\.\\d+ ms`));
  for (const row of [
    "per call, sequential",
    "per call, 16 in flight",
    "cold start (import + create client)",
    "signing throughput (sign only)",
    "browser bundle, client + helpers (min + gzip)",
    "installed size of runtime dependencies",
    "iterating 1,200 functions, 400 a page",
    "the same, RSS after the last page",
  ])
    assert.ok(result.stdout.includes(`| ${row}`), `missing row: ${row}`);
  assert.match(result.stdout, /Machine: \d+ × /);
  // The memory row has the raw walks beside fgkit's.
  assert.match(
    result.stdout,
    /\| iterating 1,200 functions, 400 a page .*\| peak RSS [\d.]+ MB +\| peak [+-][\d.]+ MB +\| peak [+-][\d.]+ MB +\|/,
  );
});

test("a wrong answer fails the run loudly", () => {
  const result = run("--wrong-answers");
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /bench FAILED: .*wrong ListFunctions answer/s);
});
