// `npm run bench`: starts the loopback server in its own process and one process per client mode,
// alternates timed runs of the modes round by round, measures cold start, signing, bundle size,
// installed size and memory, then prints the table (and writes bench/RESULTS.md unless --smoke).
// Any failed call or wrong answer stops the bench with a non-zero exit.
import { type ChildProcess, fork, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MODE_LABELS, MODES, type Mode } from "./clients.js";
import { currentCommit, describeMachine } from "./machine.js";
import { kb, mb, ms, perSecond, type Row, renderTable, times } from "./report.js";
import { bundleSizes, installedSizes } from "./sizes.js";
import { median, pairedRatio } from "./stats.js";
import type { WorkerReply } from "./worker.js";

const smoke = process.argv.includes("--smoke");
const setting = (name: string, full: number, small: number) => {
  const given = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return given ? Number(given.split("=")[1]) : smoke ? small : full;
};
const settings = {
  calls: setting("calls", 2000, 10),
  // 21 rather than 11: on a shared VM the loopback baseline swings round to round (0.08 to 0.19 ms at
  // 16 in flight), and a median of more paired ratios moves less from run to run.
  rounds: setting("rounds", 21, 1),
  warmup: setting("warmup", 500, 5),
  coldStarts: setting("cold-starts", 9, 1),
  signBlock: setting("sign-block", 20_000, 50),
  signRounds: setting("sign-rounds", 7, 1),
  functions: setting("functions", 100_000, 1200),
};
const CONCURRENCY = [1, 16] as const;

const here = dirname(fileURLToPath(import.meta.url));
const benchDir = join(here, "..");
const repoRoot = join(benchDir, "..", "..");
const say = (line: string) => process.stderr.write(`${line}\n`);
const children = new Set<ChildProcess>();

/** Forks a script of this package with IPC and resolves with its first message (or rejects on its error or exit). */
function start<T extends { type: string }>(script: string, args: string[]): Promise<{ child: ChildProcess; first: T }> {
  const child = fork(join(here, script), args, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return new Promise((resolve, reject) => {
    child.once("message", (first: T) => resolve({ child, first }));
    child.once("exit", (code) => reject(new Error(`${script} ${args[0] ?? ""} exited with ${code} before it was ready`)));
  });
}

function ask(child: ChildProcess, calls: number, concurrency: number): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once("message", (reply: WorkerReply) => {
      if (reply.type === "result") resolve(reply.ms);
      else reject(new Error(reply.type === "error" ? reply.message : `unexpected ${reply.type}`));
    });
    child.send({ type: "run", calls, concurrency });
  });
}

/** Runs a script in a fresh process and parses the JSON it prints. */
function once<T>(script: string, args: string[]): T {
  const result = spawnSync(process.execPath, [join(here, script), ...args], { encoding: "utf8", maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`${script} ${args.join(" ")} failed (${result.status}):\n${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

async function main(): Promise<void> {
  say(`fgkit bench${smoke ? " (smoke)" : ""}: ${describeMachine()}`);
  const serverArgs = [String(settings.functions), ...process.argv.filter((arg) => arg === "--wrong-answers")];
  const server = await start<{ type: "listening"; url: string }>("server.js", serverArgs);
  const endpoint = server.first.url;

  // Per call: every mode in its own process, warmed up, then runs alternating mode by mode.
  const workers = {} as Record<Mode, ChildProcess>;
  for (const mode of MODES) {
    const { child, first } = await start<WorkerReply>("worker.js", [mode, endpoint, String(settings.warmup)]);
    if (first.type !== "ready") throw new Error(`${mode}: ${first.type === "error" ? first.message : first.type}`);
    workers[mode] = child;
  }
  const perCall = {} as Record<(typeof CONCURRENCY)[number], Record<Mode, number[]>>;
  for (const concurrency of CONCURRENCY) perCall[concurrency] = { official: [], fgkit: [], fetch: [], http: [] };
  for (let round = 1; round <= settings.rounds; round++) {
    // Each round starts with a different mode, so no mode always runs first (or right after another).
    const order = MODES.map((_, i) => MODES[(i + round) % MODES.length] as Mode);
    for (const concurrency of CONCURRENCY)
      for (const mode of order) {
        const elapsed = await ask(workers[mode], settings.calls, concurrency);
        perCall[concurrency][mode].push(elapsed / settings.calls);
      }
    say(
      `  round ${round}/${settings.rounds}: ${CONCURRENCY.map((c) => MODES.map((m) => `${m}@${c} ${ms(perCall[c][m].at(-1) as number)}`).join(", ")).join("; ")}`,
    );
  }
  for (const mode of MODES) workers[mode].kill();

  // Cold start: a fresh process each time, official and fgkit alternating.
  const cold = { official: [] as number[], fgkit: [] as number[] };
  const coldWithCall = { official: [] as number[], fgkit: [] as number[] };
  for (let i = 0; i < settings.coldStarts; i++)
    for (const mode of ["official", "fgkit"] as const) {
      const run = once<{ ms: number; withCall: number }>("cold-start.js", [mode, endpoint]);
      cold[mode].push(run.ms);
      coldWithCall[mode].push(run.withCall);
    }
  say(
    `  cold start: official ${cold.official.map((v) => v.toFixed(0)).join(" ")} ms; fgkit ${cold.fgkit.map((v) => v.toFixed(1)).join(" ")} ms`,
  );

  const signing = once<{ official: number; fgkit: number }[]>("signing.js", [
    String(settings.signBlock),
    String(settings.signRounds),
  ]);
  // The walk with fgkit's paginator, and the same pages by hand over the global fetch and node:http.
  const walk = (mode: "fgkit" | "fetch" | "http") =>
    once<{ seen: number; afterFirstThousand: number; peak: number; last: number }>("memory.js", [
      mode,
      endpoint,
      String(settings.functions),
      "400",
    ]);
  const memory = walk("fgkit");
  const rawWalks = { fetch: walk("fetch"), http: walk("http") };
  server.child.kill();
  const bundle = await bundleSizes(benchDir);
  const installed = installedSizes(benchDir);

  const rows: Row[] = [];
  for (const concurrency of CONCURRENCY) {
    const runs = perCall[concurrency];
    const vsOfficial = pairedRatio(runs.fgkit, runs.official);
    const vsHttp = pairedRatio(runs.fgkit, runs.http);
    rows.push({
      measure: concurrency === 1 ? "per call, sequential" : `per call, ${concurrency} in flight`,
      official: ms(median(runs.official)),
      fgkit: ms(median(runs.fgkit)),
      fetch: ms(median(runs.fetch)),
      http: ms(median(runs.http)),
      ratio: `${times(vsOfficial)} official, ${times(vsHttp)} node:http`,
      target: "≤ 0.5× official, ≤ 1.5× node:http",
      met: vsOfficial <= 0.5 && vsHttp <= 1.5,
    });
  }
  const coldRatio = pairedRatio(cold.fgkit, cold.official);
  rows.push({
    measure: "cold start (import + create client)",
    official: ms(median(cold.official)),
    fgkit: ms(median(cold.fgkit)),
    fetch: "",
    http: "",
    ratio: `${times(coldRatio)} official`,
    target: "≤ 0.1× official",
    met: coldRatio <= 0.1,
  });
  const firstCallRatio = pairedRatio(coldWithCall.fgkit, coldWithCall.official);
  rows.push({
    measure: "cold start to the end of the first call",
    official: ms(median(coldWithCall.official)),
    fgkit: ms(median(coldWithCall.fgkit)),
    fetch: "",
    http: "",
    ratio: `${times(firstCallRatio)} official`,
    target: "(for reference)",
    met: undefined,
  });
  const signRatio = median(signing.map((r) => r.fgkit / r.official));
  rows.push({
    measure: "signing throughput (sign only)",
    official: perSecond(median(signing.map((r) => r.official))),
    fgkit: perSecond(median(signing.map((r) => r.fgkit))),
    fetch: "",
    http: "",
    ratio: `${times(signRatio)} official`,
    target: "≥ 2× official",
    met: signRatio >= 2,
  });
  rows.push({
    measure: "browser bundle, client + helpers (min + gzip)",
    official: "",
    fgkit: kb(bundle.fgkit),
    fetch: "",
    http: "",
    ratio: `openapi-fetch alone: ${kb(bundle.openapiFetch)}`,
    target: "≤ 8 KB",
    met: bundle.fgkit <= 8 * 1024,
  });
  const sizeRatio = installed.fgkit / installed.official;
  rows.push({
    measure: "installed size of runtime dependencies",
    official: mb(installed.official),
    fgkit: mb(installed.fgkit),
    fetch: "",
    http: "",
    ratio: `${times(sizeRatio)} official (1/${Math.round(1 / sizeRatio)})`,
    target: "≤ 1/20 of official",
    met: sizeRatio <= 1 / 20,
  });
  const growth = memory.peak - memory.afterFirstThousand;
  // The raw walks' columns: their own peak (or last) RSS over their own RSS after 1 000.
  const over = (rss: number, base: number) => `${rss >= base ? "+" : "-"}${mb(Math.abs(rss - base))}`;
  rows.push({
    measure: `iterating ${memory.seen.toLocaleString("en-US")} functions, 400 a page`,
    official: "",
    fgkit: `peak RSS ${mb(memory.peak)}`,
    fetch: `peak ${over(rawWalks.fetch.peak, rawWalks.fetch.afterFirstThousand)}`,
    http: `peak ${over(rawWalks.http.peak, rawWalks.http.afterFirstThousand)}`,
    ratio: `+${mb(growth)} over RSS after 1 000`,
    target: "≤ +20 MB",
    met: growth <= 20 * 2 ** 20,
  });
  // Whether iterating holds on to anything: the peak above includes one-time costs (on Node 20, V8
  // compiling the HTTP parser of Node's undici in the background), the level after the last page not.
  rows.push({
    measure: "the same, RSS after the last page",
    official: "",
    fgkit: `RSS ${mb(memory.last)}`,
    fetch: over(rawWalks.fetch.last, rawWalks.fetch.afterFirstThousand),
    http: over(rawWalks.http.last, rawWalks.http.afterFirstThousand),
    ratio: `${over(memory.last, memory.afterFirstThousand)} over RSS after 1 000`,
    target: "(for reference)",
    met: undefined,
  });

  const commit = currentCommit(repoRoot);
  const about = [
    `Machine: ${describeMachine()}.`,
    `Commit: ${commit} (HEAD when measured), ${new Date().toISOString().slice(0, 10)}.`,
    `Per call: ${settings.calls} signed ListFunctions calls per run over loopback keep-alive, server in its own process, ` +
      `each mode in its own process, ${settings.rounds} round(s) of alternating runs; medians, and medians of paired ratios. ` +
      `Cold start: ${settings.coldStarts} fresh processes each. Modes: ${MODES.map((m) => MODE_LABELS[m]).join("; ")}.`,
    "Memory: each walk in a fresh process; the global fetch and node:http columns walk the same pages by hand " +
      "(each page signed, parsed and every item visited), their RSS over their own RSS after 1 000.",
  ].join("\n");
  const table = renderTable(rows);
  process.stdout.write(`\n${table}\n\n${about}\n`);
  if (!smoke && !process.argv.includes("--no-write")) {
    const results = `# Benchmark results\n\nThe latest \`npm run bench\` (packages/bench); rerun it to refresh this file.\n\n${table}\n\n${about.replace(/\n/g, "\n\n")}\n`;
    writeFileSync(join(repoRoot, "bench", "RESULTS.md"), results);
    say("wrote bench/RESULTS.md");
  }
  const missed = rows.filter((r) => r.met === false).map((r) => r.measure);
  if (missed.length) say(`targets missed: ${missed.join("; ")}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    say(`\nbench FAILED: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    for (const child of children) child.kill();
    process.exit(1);
  },
);
