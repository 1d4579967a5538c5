// Soak test: tens of thousands of calls through the built client (dist) against chaos-server.mjs,
// checking that every call settles with a FunctionGraphError or InvalidInputError that holds no
// secret, that nothing is unhandled or warned about, and that neither memory nor handles leak.
// Not part of `npm test` (it runs for minutes). Build first, then:
//   node --expose-gc packages/client/scripts/soak/soak.mjs > report.json
// SOAK_CALLS (default 30000), SOAK_SEED (1) and SOAK_CLIENTS (akClient,tokenClient,noQuota,
// shortTokenClient,fetchClient) vary it; it exits 1 when the report lists problems.
import { fork } from "node:child_process";
import { getEventListeners } from "node:events";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import {
  createFunctionGraphClient,
  createTokenProvider,
  FunctionGraphError,
  fetchIamToken,
  InvalidInputError,
  invokeFunction,
  paginateListFunctions,
  unwrap,
  waitUntilAsyncInvocationFinished,
} from "../../dist/index.js";
import { seeded } from "./seeded.mjs";

const CALLS = Number(process.env.SOAK_CALLS ?? 30_000);
const SEED = Number(process.env.SOAK_SEED ?? 1);
const PROJECT = "0123456789abcdef0123456789abcdef";
const URN = `urn:fss:cn-north-4:${PROJECT}:function:default:hello:latest`;
const AK = "HPUAEXAMPLEAK0123456";
const SK = "SoakSecretKeyZZ0123456789abcdefghijklmnop";
const PASSWORD = "SoakPassw0rd!Secret-42";
const SECRETS = [SK, PASSWORD, "MIITOKEN"];
const ATTEMPT_MS = 300;
const LONGEST_MS = 8_000; // the longest any call may take: waits, retries and token refreshes included

if (typeof globalThis.gc !== "function") throw new Error("run with --expose-gc");

// --- process-wide watchers --------------------------------------------------------------------
const problems = [];
const problem = (kind, detail) => {
  if (problems.length < 200) problems.push({ kind, detail });
};
process.on("unhandledRejection", (reason) => problem("unhandledRejection", inspect(reason, { depth: 4 })));
process.on("uncaughtException", (error) => problem("uncaughtException", inspect(error, { depth: 4 })));
process.on("warning", (warning) => problem("warning", `${warning.name}: ${warning.message}`));

const { random, pick } = seeded(SEED);
const between = (low, high) => low + Math.floor(random() * (high - low + 1));

// What is open before anything starts (stdout as a pipe, say) is not counted as left open.
const before = process.getActiveResourcesInfo();

// --- the server ---------------------------------------------------------------------------------
const child = fork(fileURLToPath(new URL("./chaos-server.mjs", import.meta.url)), {
  env: { ...process.env, SOAK_SEED: String(SEED), SOAK_PASSWORD: PASSWORD },
});
const { port } = await new Promise((resolve) => child.once("message", resolve));
const endpoint = `http://127.0.0.1:${port}`;

// --- clients ------------------------------------------------------------------------------------
const common = {
  endpoint,
  projectId: PROJECT,
  retry: { maxAttempts: 3, baseDelayMs: 10, throttlingBaseDelayMs: 20, maxDelayMs: 100, maxRetryAfterMs: 1000 },
  timeout: { attemptTimeoutMs: ATTEMPT_MS },
  maxResponseBytes: 64 * 1024,
};
const akClient = createFunctionGraphClient({ ...common, credentials: { ak: AK, sk: SK } });
const tokens = createTokenProvider({
  fetchToken: ({ signal }) =>
    fetchIamToken({
      iamEndpoint: endpoint,
      username: "soak",
      password: PASSWORD,
      domainName: "soak-domain",
      projectId: PROJECT,
      signal,
      timeoutMs: 800,
    }),
  fetchTimeoutMs: 1500,
});
const tokenClient = createFunctionGraphClient({ ...common, credentials: tokens });
// Tokens that live 3 s (the server's "short" user): calls often wait for a refresh, which IAM may fail.
const shortTokens = createTokenProvider({
  fetchToken: ({ signal }) =>
    fetchIamToken({
      iamEndpoint: endpoint,
      username: "short",
      password: PASSWORD,
      domainName: "soak-domain",
      projectId: PROJECT,
      signal,
      timeoutMs: 400,
    }),
  fetchTimeoutMs: 600,
});
const shortTokenClient = createFunctionGraphClient({ ...common, credentials: shortTokens });
// A fetch of the caller's own: the Request/Response path instead of the direct one.
const fetchClient = createFunctionGraphClient({ ...common, credentials: { ak: AK, sk: SK }, fetch: (r) => fetch(r) });
const noQuota = createFunctionGraphClient({
  ...common,
  credentials: { ak: AK, sk: SK },
  retry: { ...common.retry, retryQuota: false },
});
const everyClient = { akClient, tokenClient, noQuota, shortTokenClient, fetchClient };
// SOAK_CLIENTS=akClient,fetchClient narrows the run to some of them (to tell which one a problem is in).
const clients = (process.env.SOAK_CLIENTS?.split(",") ?? Object.keys(everyClient)).map((name) => everyClient[name]);

// --- signals ------------------------------------------------------------------------------------
let shared = { controller: new AbortController(), uses: 0 };
// One signal for the whole run (an app's shutdown signal): every call it went to must leave no listener.
const app = new AbortController();
const timers = new Set();
const later = (ms, run) => {
  const timer = setTimeout(() => {
    timers.delete(timer);
    run();
  }, ms);
  timers.add(timer);
};
function signalFor() {
  const r = random();
  if (r < 0.45) return undefined;
  if (r < 0.65) {
    const own = new AbortController();
    later(between(0, 700), () => own.abort(new Error("caller gave up")));
    return own.signal;
  }
  if (r < 0.67) return AbortSignal.abort();
  if (r < 0.82) return app.signal;
  // One signal for up to 300 calls at once (an app-wide shutdown signal), sometimes aborted.
  if (++shared.uses > 300) {
    const old = shared.controller;
    if (random() < 0.3) later(between(0, 400), () => old.abort());
    shared = { controller: new AbortController(), uses: 0 };
  }
  return shared.controller.signal;
}

// --- calls --------------------------------------------------------------------------------------
const clientFor = () => {
  const client = clients[between(0, clients.length - 1)];
  const r = random();
  // A deadline over the whole call, made per call (as code passing what is left of its own deadline).
  if (r < 0.2) return client.withOptions({ timeout: { totalTimeoutMs: between(50, 1200) } });
  return client;
};

const OPERATIONS = {
  async get(client, signal) {
    const call = client.GET("/v2/{project_id}/fgs/functions/{function_urn}/config", {
      params: { path: { function_urn: URN } },
      signal,
    });
    if (random() < 0.5) return unwrap(call);
    const { error, response } = await call;
    checkSecrets("error answer", error);
    checkSecrets("error answer", response && Object.fromEntries(response.headers));
    return error;
  },
  async post(client, signal) {
    return unwrap(
      client.POST("/v2/{project_id}/fgs/functions/{function_urn}/events", {
        params: { path: { function_urn: URN } },
        body: { name: "ev", content: "e30=" },
        signal,
      }),
    );
  },
  async paginate(client, signal) {
    let n = 0;
    const stopAt = random() < 0.3 ? between(1, 25) : Infinity;
    for await (const _ of paginateListFunctions({ client, pageSize: between(5, 15), signal }).items()) {
      if (++n >= stopAt) break;
    }
    return n;
  },
  async invoke(client, signal) {
    return invokeFunction(client, URN, { hello: "world" }, { timeoutMs: ATTEMPT_MS, signal });
  },
  async wait(client, signal) {
    return waitUntilAsyncInvocationFinished(
      { client, maxWaitMs: between(0, 600), minDelayMs: between(5, 40), maxDelayMs: 100, signal },
      { functionUrn: URN, requestId: `req-${between(1, 1e6)}` },
    );
  },
};
const WEIGHTS = { get: 30, post: 15, paginate: 15, invoke: 20, wait: 20 };
const pickOperation = () => pick(WEIGHTS);

// Codes fgkit gives, and the API codes the server sends.
const CODES = new Set([
  "NetworkError",
  "Timeout",
  "Aborted",
  "CredentialsError",
  "InvalidResponseBody",
  "ResponseTooLarge",
  "WaiterFailure",
  "WaiterTimeout",
  "Redirect",
  "APIGW.0308",
  "APIGW.0301",
  "FSS.0500",
  "FSS.1001",
]);

function checkSecrets(where, value) {
  if (value === undefined || value === null) return;
  const shown = [inspect(value, { depth: 12, showHidden: true, getters: true })];
  try {
    shown.push(JSON.stringify(value));
  } catch {}
  if (value instanceof Error) shown.push(String(value.message), String(value.stack));
  for (const text of shown)
    for (const secret of SECRETS)
      if (text?.includes(secret)) {
        problem(
          "secret",
          `${where}: ${secret.slice(0, 4)}... in ${text.slice(Math.max(0, text.indexOf(secret) - 300), text.indexOf(secret) + 60)}`,
        );
        return;
      }
}

const outcomes = {};
const note = (key) => {
  outcomes[key] = (outcomes[key] ?? 0) + 1;
};
function judge(kind, error) {
  checkSecrets(kind, error);
  if (error instanceof FunctionGraphError) {
    // An answer without an API error code (a proxy's HTML page) has its status alone.
    const code = error.code ?? `status ${error.status}`;
    note(`${kind}: ${code}`);
    if (!(CODES.has(code) || (error.code === undefined && error.status >= 400)))
      problem("odd code", `${kind}: ${code}: ${error.message}`);
    return;
  }
  if (error instanceof InvalidInputError) {
    note(`${kind}: InvalidInputError`);
    problem("InvalidInputError", `${kind}: ${error.message}`);
    return;
  }
  note(`${kind}: ${error?.name}`);
  problem("foreign error", `${kind}: ${inspect(error, { depth: 3 })}`);
}

const outstanding = new Map();
let started = 0;
let settled = 0;
async function one(id) {
  const kind = pickOperation();
  const client = clientFor();
  const signal = signalFor();
  outstanding.set(id, { kind, at: performance.now() });
  try {
    await OPERATIONS[kind](client, signal);
    // (A success answer is the caller's own data, echoed secrets and all: only errors are checked.)
    note(`${kind}: ok`);
  } catch (error) {
    judge(kind, error);
  } finally {
    outstanding.delete(id);
    settled++;
  }
}

// --- the run ------------------------------------------------------------------------------------
const heap = [];
const sample = () => {
  globalThis.gc();
  heap.push(process.memoryUsage().heapUsed);
};
const startedAt = performance.now();
let inFlight = 0;
let limit = 16;
await new Promise((resolve) => {
  const pump = () => {
    while (inFlight < limit && started < CALLS) {
      const id = ++started;
      inFlight++;
      one(id).finally(() => {
        inFlight--;
        if (settled % 500 === 0) {
          // Concurrency wanders between 16 and 256.
          limit = between(16, 256);
          if (settled % 1000 === 0) sample();
        }
        if (settled % 5000 === 0)
          process.stderr.write(`${settled} calls settled, ${Math.round(performance.now() - startedAt)} ms\n`);
        if (settled === CALLS) resolve();
        else pump();
      });
    }
  };
  pump();
  // A watchdog: calls that never settle would hold the run for ever.
  const watchdog = setInterval(() => {
    const now = performance.now();
    for (const [id, call] of outstanding)
      if (now - call.at > LONGEST_MS * 2) {
        problem("never settled", `call ${id} (${call.kind}) pending for ${Math.round(now - call.at)} ms`);
        outstanding.delete(id);
        settled++;
        inFlight--;
        if (settled === CALLS) resolve();
      }
  }, 1000);
  watchdog.unref();
});
const ranMs = performance.now() - startedAt;
sample();
// Idle keep-alive connections close (the server's keepAliveTimeout is 2 s, undici's 4 s); a stalled
// answer's connection stays open unless the client closed it when it gave up.
for (const timer of timers) clearTimeout(timer);
await new Promise((resolve) => setTimeout(resolve, 5000));
// (Node's fetch unhooks a Request from the caller's signal only once the Request is collected.)
globalThis.gc();
await new Promise((resolve) => setTimeout(resolve, 100));
const appListeners = getEventListeners(app.signal, "abort").length;
if (appListeners > 0) problem("listeners left", `${appListeners} on the run-long signal`);
const sockets = process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap").length;
if (sockets > 0) problem("sockets left", `${sockets} client sockets open 5 s after the last call`);

child.send("stats");
const server = await new Promise((resolve) => child.once("message", resolve));
if (server.open > 0) problem("sockets left", `the server holds ${server.open} connections 5 s after the last call`);
child.send("close");
await new Promise((resolve) => child.once("exit", resolve));
for (const timer of timers) clearTimeout(timer);
shared.controller.abort();

// Timers drain (abandoned token refreshes stop 2 s after their last caller; keep-alive sockets close
// as the server did).
await new Promise((resolve) => setTimeout(resolve, 4000));
globalThis.gc();
const resources = process.getActiveResourcesInfo();
for (const held of before) resources.splice(resources.indexOf(held), 1);
if (resources.length > 0) problem("open handles", resources.join(", "));

const third = Math.max(1, Math.floor(heap.length / 3));
const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
const first = mean(heap.slice(0, third));
const last = mean(heap.slice(-third));
const growth = (last - first) / first;
if (growth > 0.25 && last - first > 4 * 1024 * 1024)
  problem("heap growth", `${(first / 1e6).toFixed(1)} MB -> ${(last / 1e6).toFixed(1)} MB`);

process.stdout.write(
  `${JSON.stringify(
    {
      calls: CALLS,
      seed: SEED,
      ranMs: Math.round(ranMs),
      heapMB: heap.map((h) => +(h / 1e6).toFixed(1)),
      server,
      outcomes: Object.fromEntries(Object.entries(outcomes).sort()),
      problems,
    },
    null,
    1,
  )}\n`,
);
process.exitCode = problems.length > 0 ? 1 : 0;
