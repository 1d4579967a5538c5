// The runtimes fgkit says it runs on, beyond the Node that runs the tests: FunctionGraph's own Node
// runtimes (Node.js 18.15 and 20.15, the newest two the API lists: code in a function must be able
// to call FunctionGraph), the later Node LTS lines (22, 24: a newer undici under the direct
// transport), Bun, Deno and Cloudflare's Workers runtime (workerd). The installed tarballs run on
// each, from ESM and from CommonJS (workerd: a bundled Workers module), through every layer: signing
// (checked against this Node's signer), paging, compressed answers, retries, timeouts, aborts, error
// answers, invocation, token credentials, and a global fetch replaced by the application. Each
// runtime is the official build the npm registry carries, pinned, fetched once into
// node_modules/.cache.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { computeSignature } from "@fgkit/helpers";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { installProject } from "./support/install.js";
import { bin, PACKAGE_ROOT } from "./support/paths.js";

const exec = promisify(execFile);
const tarballs = inject("tarballs");
const workDir = inject("workDir");
const fixtures = join(PACKAGE_ROOT, "test", "fixtures", "runtimes");
const credentials = { ak: "AKEXAMPLE", sk: "SKEXAMPLE" };

interface Runtime {
  /** The registry package with this platform's build, and its version. */
  package: string;
  version: string;
  /** The executable inside the unpacked package, and what runs a script with it. */
  binary: string;
  args: string[];
}

const { platform, arch } = process;
const RUNTIMES: Record<string, Runtime> = {
  // FunctionGraph's runtimes `Node.js18.15` and `Node.js20.15`.
  "Node 18.15 (FunctionGraph's Node.js18.15)": {
    package: `node-${platform}-${arch}`,
    version: "18.15.0",
    binary: "bin/node",
    args: [],
  },
  "Node 20.15 (FunctionGraph's Node.js20.15)": {
    package: `node-${platform}-${arch}`,
    version: "20.15.0",
    binary: "bin/node",
    args: [],
  },
  "Node 22": { package: `node-${platform}-${arch}`, version: "22.23.5", binary: "bin/node", args: [] },
  "Node 24": { package: `node-${platform}-${arch}`, version: "24.22.3", binary: "bin/node", args: [] },
  Bun: {
    package: `@oven/bun-${platform}-${arch === "arm64" ? "aarch64" : arch}`,
    version: "1.4.5",
    binary: "bin/bun",
    args: [],
  },
  Deno: {
    package: `@deno/${platform}-${arch}${platform === "linux" ? "-glibc" : ""}`,
    version: "2.9.6",
    binary: "deno",
    args: ["run", "-A"],
  },
};
/** Cloudflare's Workers runtime, run here by itself (workerd serve): no Node API at all. */
const WORKERD: Runtime = {
  package: `@cloudflare/workerd-${platform === "linux" ? "linux" : "darwin"}-${arch === "x64" ? "64" : arch}`,
  version: "1.20261117.1",
  binary: "bin/workerd",
  args: [],
};
// The registry has these builds for Linux and macOS on x64 and arm64; Windows' are laid out otherwise.
const supported = (platform === "linux" || platform === "darwin") && (arch === "x64" || arch === "arm64");

const fetched = new Map<Runtime, Promise<string>>();
/** The runtime's executable, from its registry package, cached (one download however many ask). */
function fetchRuntime(runtime: Runtime): Promise<string> {
  let binary = fetched.get(runtime);
  if (!binary) {
    binary = downloadRuntime(runtime);
    fetched.set(runtime, binary);
  }
  return binary;
}

async function downloadRuntime(runtime: Runtime): Promise<string> {
  const dir = join(PACKAGE_ROOT, "node_modules", ".cache", "runtimes", `${runtime.package.replace("/", "+")}-${runtime.version}`);
  const binary = join(dir, "package", runtime.binary);
  if (!existsSync(binary)) {
    mkdirSync(join(dir, ".."), { recursive: true });
    // Unpacked beside it and moved into place, so an interrupted run leaves no half binary.
    const staging = mkdtempSync(`${dir}.partial-`);
    const spec = `${runtime.package}@${runtime.version}`;
    const { stdout } = await exec("npm", ["pack", spec, "--pack-destination", staging, "--loglevel=error"]);
    await exec("tar", ["xzf", join(staging, stdout.trim().split("\n").pop() as string), "-C", staging]);
    rmSync(dir, { recursive: true, force: true });
    renameSync(staging, dir);
  }
  const { stdout } = await exec(binary, ["--version"]);
  // workerd names its release by date: 1.20261117.1 says "workerd 2026-11-17".
  const expected = runtime === WORKERD ? runtime.version.replace(/^1\.(\d{4})(\d\d)(\d\d)\.\d+$/, "$1-$2-$3") : runtime.version;
  if (!stdout.includes(expected)) throw new Error(`${binary} says ${stdout.trim()}, not ${runtime.version}`);
  return binary;
}

let server: Server;
let endpoint = "";
let refused = "";
const configCalls = new Map<string, number>();

const readBody = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** Whether the request carries the token, or an SDK-HMAC-SHA256 signature this Node's signer agrees with. */
async function authorized(req: IncomingMessage, url: URL, body: Buffer): Promise<boolean> {
  if (req.headers["x-auth-token"] !== undefined) return req.headers["x-auth-token"] === "token-1";
  const authorization = req.headers.authorization ?? "";
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(";") ?? [];
  const headers = signedHeaders
    .filter((name) => name !== "host")
    .map((name) => [name, String(req.headers[name] ?? "")] as [string, string]);
  const input = { method: req.method ?? "GET", url, headers, body: body.length > 0 ? new Uint8Array(body) : null };
  return authorization !== "" && (await computeSignature(input, credentials)).authorization === authorization;
}

const FUNCTIONS = ["f0", "f1", "f2", "f3", "f4"];
const QUOTAS = { resources: [{ type: "fgs_func_scale_down_timeout", quota: 900 }] };

async function startServer() {
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const body = await readBody(req);
    const send = (status: number, value: unknown, encoding?: "gzip" | "br") => {
      let bytes = Buffer.from(JSON.stringify(value));
      if (encoding) bytes = encoding === "gzip" ? gzipSync(bytes) : brotliCompressSync(bytes);
      res.writeHead(status, { "content-type": "application/json", ...(encoding && { "content-encoding": encoding }) });
      res.end(bytes);
    };
    if (!(await authorized(req, url, body))) return send(401, { error_code: "APIGW.0301", error_msg: "signature mismatch" });
    const [, , , , kind, urn, what] = url.pathname.split("/"); // /v2/p1/fgs/<kind>/<urn>/<what>
    const route = `${req.method} ${kind}${what ? `/${what}` : ""}`;
    switch (route) {
      case "GET functions": {
        const marker = Number(url.searchParams.get("marker") ?? 0);
        const end = Math.min(FUNCTIONS.length, marker + Number(url.searchParams.get("maxitems") ?? 400));
        const functions = FUNCTIONS.slice(marker, end).map((func_name) => ({ func_name }));
        return send(200, { functions, next_marker: end < FUNCTIONS.length ? end : undefined, count: FUNCTIONS.length });
      }
      case "GET quotas":
        return send(200, { quotas: QUOTAS }, "gzip");
      case "GET dependencies":
        return send(200, { dependencies: [], next_marker: 0, count: 7 }, "br");
      case "GET templates":
        return send(200, { templates: Array.from({ length: 100 }, (_, i) => ({ id: `template-${i}` })) });
      case "GET functions/config": {
        const calls = (configCalls.get(urn as string) ?? 0) + 1;
        configCalls.set(urn as string, calls);
        return calls === 1 ? send(503, { error_code: "FSS.0503", error_msg: "busy" }) : send(200, { func_name: "retried" });
      }
      case "GET functions/versions":
        return send(200, { userAgent: req.headers["user-agent"] ?? "" });
      case "GET functions/tracing":
        return; // never answers
      case "POST functions/invocations": {
        const event = JSON.parse(body.toString("utf8"));
        const result = JSON.stringify({ greeting: `hi ${event.name}` });
        return send(200, { request_id: "r-1", result, log: `hello ${event.name}\n`, status: 200 });
      }
      default:
        return send(404, { error_code: "FSS.0404", error_msg: `no ${route}` });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port nothing listens on: one opened and closed again.
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  refused = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
}

const installed = installProject(join(workDir, "runtimes"), tarballs, {
  type: "commonjs",
  files: Object.fromEntries(
    ["checks.cjs", "main.cjs", "main.mjs", "worker.mjs", "workerd.capnp"].map((file) => [file, join(fixtures, file)]),
  ),
});

beforeAll(startServer);
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

/** The signatures the checks make, as this Node's signer makes them. */
async function expectedSignatures(): Promise<string[]> {
  const date = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
  const url = new URL("https://functiongraph.cn-north-4.myhuaweicloud.com/v2/p1/fgs/functions?maxitems=5&marker=2");
  const sign = async (input: Parameters<typeof computeSignature>[0], keys: Parameters<typeof computeSignature>[1]) =>
    (await computeSignature(input, keys, { date })).authorization;
  return [
    await sign({ method: "GET", url, headers: [["Content-Type", "application/json"]] }, credentials),
    await sign({ method: "POST", url, headers: [["X-Project-Id", "p1"]], body: '{"a":"é"}' }, { ak: "AK2", sk: "S".repeat(100) }),
    await sign(
      { method: "PUT", url, headers: [], body: new Uint8Array([0, 1, 2, 255]) },
      { ak: "AK3", sk: "sk3", securityToken: "tok" },
    ),
  ];
}

// A first run downloads every runtime (about 270 MB in all) while the tests wait.
const FIRST_RUN_TIMEOUT = 300_000;

describe.skipIf(!supported).each(Object.keys(RUNTIMES))("%s", (name) => {
  const runtime = RUNTIMES[name] as Runtime; // a key of RUNTIMES
  const binary = fetchRuntime(runtime);
  // Unhandled while a test has not awaited it yet; each test reports it.
  binary.catch(() => {});

  it.each(["main.mjs", "main.cjs"])(
    "runs every layer from %s as the Node running the tests does",
    async (entry) => {
      await installed;
      const { stdout, stderr } = await exec(await binary, [...runtime.args, entry], {
        cwd: join(workDir, "runtimes"),
        env: {
          ...process.env,
          FGKIT_MOCK_URL: endpoint,
          FGKIT_REFUSED_URL: refused,
          FGKIT_RUN: `${name}-${entry}`.replace(/\W+/g, "-"),
        },
      });
      // No warning (a listener leak, a deprecation) and nothing else on stderr.
      expect(stderr).toBe("");
      const results = JSON.parse(stdout.trim().split("\n").pop() as string);
      // Node's own fetch is recognised (fgkit sends straight to its dispatcher, with its User-Agent);
      // Bun and Deno send with their own.
      const agent = name.startsWith("Node") ? "fgkit" : name;
      expect(results).toEqual(await expectedResults(agent));
    },
    FIRST_RUN_TIMEOUT,
  );
});

describe.skipIf(!supported)("Workers (workerd)", () => {
  const binary = fetchRuntime(WORKERD);
  binary.catch(() => {});
  let workerd: ChildProcess | undefined;
  afterAll(() => {
    workerd?.kill();
  });

  it(
    "runs every layer from a Workers module, bundled for workerd, as the Node running the tests does",
    async () => {
      await installed;
      const dir = join(workDir, "runtimes");
      // As Wrangler bundles a worker: its conditions, ESM, nothing from Node.
      await build({
        entryPoints: [join(dir, "worker.mjs")],
        outfile: join(dir, "worker.bundle.mjs"),
        bundle: true,
        format: "esm",
        platform: "neutral",
        conditions: ["workerd", "worker", "browser"],
        mainFields: ["module", "main"],
        logLevel: "silent",
      });
      const port = await freePort();
      workerd = spawn(await binary, ["serve", "workerd.capnp", `--socket-addr=http=127.0.0.1:${port}`], { cwd: dir });
      let stderr = "";
      workerd.stderr?.on("data", (chunk) => {
        stderr += chunk;
      });
      const query = new URLSearchParams({ FGKIT_MOCK_URL: endpoint, FGKIT_REFUSED_URL: refused, FGKIT_RUN: "workerd" });
      const answer = await untilListening(`http://127.0.0.1:${port}/?${query}`);
      expect(answer.status, stderr).toBe(200);
      // workerd's fetch sends no User-Agent.
      expect(await answer.json()).toEqual(await expectedResults(""));
      expect(stderr).toBe("");
    },
    FIRST_RUN_TIMEOUT,
  );
});

// Bundled for a function, as most deployments are: the packages taken into one file by ncc (webpack
// inside, as serverless-webpack bundles) and by esbuild, from CommonJS and from ESM, written outside
// the project (nothing left to resolve from node_modules) and run on FunctionGraph's runtimes, which
// have no process.getBuiltinModule: there the Node build loads node:crypto and node:zlib by require
// (CommonJS) or import() (ESM), which the bundler must leave to Node.
const BUNDLES: Record<string, { entry: string; bundle: (entry: string, out: string) => Promise<string> }> = {
  "ncc, from CommonJS": { entry: "main.cjs", bundle: (entry, out) => ncc(entry, out, "index.cjs") },
  "ncc, from ESM": { entry: "main.mjs", bundle: (entry, out) => ncc(entry, out, "index.mjs") },
  "esbuild --platform=node, from CommonJS": { entry: "main.cjs", bundle: (entry, out) => esbuildNode(entry, out, "cjs") },
  "esbuild --platform=node, from ESM": { entry: "main.mjs", bundle: (entry, out) => esbuildNode(entry, out, "esm") },
};
const FUNCTION_RUNTIMES = ["Node 18.15 (FunctionGraph's Node.js18.15)", "Node 20.15 (FunctionGraph's Node.js20.15)"];

async function ncc(entry: string, out: string, file: string): Promise<string> {
  await exec(bin("ncc"), ["build", entry, "--out", out, "--quiet", "--no-cache"], { cwd: join(workDir, "runtimes") });
  return join(out, file);
}

async function esbuildNode(entry: string, out: string, format: "cjs" | "esm"): Promise<string> {
  const outfile = join(out, format === "cjs" ? "index.cjs" : "index.mjs");
  await build({
    entryPoints: [join(workDir, "runtimes", entry)],
    outfile,
    bundle: true,
    platform: "node",
    format,
    logLevel: "silent",
  });
  return outfile;
}

describe.skipIf(!supported).each(Object.keys(BUNDLES))("bundled by %s", (bundler) => {
  const { entry, bundle } = BUNDLES[bundler] as (typeof BUNDLES)[string];
  let bundled: Promise<string> | undefined;
  const built = async () => {
    await installed;
    bundled ??= bundle(entry, join(workDir, "bundles", bundler.replace(/\W+/g, "-")));
    return bundled;
  };

  it.each(FUNCTION_RUNTIMES)(
    "runs every layer on %s, through the Node build",
    async (name) => {
      const binary = await fetchRuntime(RUNTIMES[name] as Runtime);
      const file = await built();
      const { stdout, stderr } = await exec(binary, [file], {
        cwd: join(workDir, "bundles"),
        env: {
          ...process.env,
          FGKIT_MOCK_URL: endpoint,
          FGKIT_REFUSED_URL: refused,
          FGKIT_RUN: `${bundler}-${name}`.replace(/\W+/g, "-"),
        },
      });
      // No warning: a listener leak would say the bundle lost Node's events API.
      expect(stderr).toBe("");
      // "fgkit": the bundle took the Node build and sends straight to Node's dispatcher.
      expect(JSON.parse(stdout.trim().split("\n").pop() as string)).toEqual(await expectedResults("fgkit"));
    },
    FIRST_RUN_TIMEOUT,
  );
});

/** A port nobody listens on now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** fetch(url) once something listens there (workerd takes a moment to start). */
async function untilListening(url: string): Promise<Response> {
  for (let tries = 0; ; tries++) {
    try {
      return await fetch(url);
    } catch (error) {
      if (tries >= 300) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** What every runtime's checks must give; `userAgent` is the product its requests name first. */
async function expectedResults(userAgent: string) {
  return {
    signatures: await expectedSignatures(),
    signRequest: true,
    walk: FUNCTIONS,
    gzip: QUOTAS,
    bytes: QUOTAS,
    brotli: 7,
    retried: "retried",
    timeout: "FunctionGraphError: Timeout",
    aborted: "FunctionGraphError: Aborted",
    shared: 20,
    notFound: "FunctionGraphError: FSS.0404",
    tooLarge: "FunctionGraphError: ResponseTooLarge",
    refused: "FunctionGraphError: NetworkError",
    invoke: { result: { greeting: "hi fgkit" }, log: "hello fgkit\n", requestId: "r-1" },
    token: QUOTAS,
    userAgent,
    replacedFetch: 1,
  };
}
