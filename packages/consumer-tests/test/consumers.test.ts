// Fresh projects outside the repository install the packed tarballs (no workspace links) and use
// them as a user would: Node ESM, Node CommonJS, and TypeScript (strict) with moduleResolution
// bundler, node16 from ESM and node16 from CommonJS. Each signs a request and lists functions
// against a local mock that checks the signature, and the TypeScript ones type-check first.
import { execFile } from "node:child_process";
import { existsSync, lstatSync, readFileSync, realpathSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { promisify } from "node:util";
import { computeSignature } from "@fgkit/helpers";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { installProject } from "./support/install.js";
import { PACKAGE_ROOT, tsc } from "./support/paths.js";

const exec = promisify(execFile);
const tarballs = inject("tarballs");
const workDir = inject("workDir");
const fixtures = join(PACKAGE_ROOT, "test", "fixtures");
const credentials = { ak: "AKEXAMPLE", sk: "SKEXAMPLE" };

interface Project {
  type: "module" | "commonjs";
  files: Record<string, string>; // name in the project => fixture
  tsconfig?: Record<string, unknown>;
  entry: string;
}

const strict = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: false,
  target: "ES2022",
  lib: ["ES2022", "DOM", "DOM.Iterable"],
  types: [],
  rootDir: ".",
  outDir: "dist",
};

const projects: Record<string, Project> = {
  "node-esm": { type: "module", files: { "index.mjs": "esm/index.mjs" }, entry: "index.mjs" },
  "node-cjs": { type: "commonjs", files: { "index.cjs": "cjs/index.cjs" }, entry: "index.cjs" },
  "ts-bundler": {
    type: "module",
    files: { "main.ts": "ts/main.ts" },
    tsconfig: { ...strict, module: "ESNext", moduleResolution: "bundler" },
    entry: "dist/main.js",
  },
  "ts-node16-esm": {
    type: "module",
    files: { "main.ts": "ts/main.ts" },
    tsconfig: { ...strict, module: "node16", moduleResolution: "node16" },
    entry: "dist/main.js",
  },
  "ts-node16-cjs": {
    type: "commonjs",
    files: { "main.ts": "ts/main.ts" },
    tsconfig: { ...strict, module: "node16", moduleResolution: "node16" },
    entry: "dist/main.js",
  },
};

let server: Server;
let endpoint = "";
const installs = new Map<string, Promise<unknown>>();

/** ListFunctions on a loopback server, answered only when the SDK-HMAC-SHA256 signature checks out. */
async function startMock() {
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    const authorization = req.headers.authorization ?? "";
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(";") ?? [];
    const headers = signedHeaders
      .filter((name) => name !== "host")
      .map((name) => [name, String(req.headers[name] ?? "")] as [string, string]);
    const expected = await computeSignature({ method: req.method ?? "GET", url, headers }, credentials);
    res.setHeader("content-type", "application/json");
    if (!authorization || expected.authorization !== authorization) {
      res.statusCode = 401;
      res.end(JSON.stringify({ error_code: "FSS.0401", error_msg: "signature mismatch" }));
    } else if (req.method === "GET" && url.pathname === "/v2/p1/fgs/functions") {
      const fn = { func_urn: "urn:fss:cn-north-4:p1:function:default:hello:latest", func_name: "hello", namespace: "p1" };
      res.end(JSON.stringify({ functions: [fn], next_marker: 0, count: 1 }));
    } else {
      res.statusCode = 404;
      res.end(JSON.stringify({ error_code: "FSS.0404", error_msg: "not found" }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function install(name: string, project: Project): Promise<unknown> {
  const files = Object.fromEntries(Object.entries(project.files).map(([file, fixture]) => [file, join(fixtures, fixture)]));
  return installProject(join(workDir, name), tarballs, { ...project, files });
}

beforeAll(async () => {
  await startMock();
  for (const [name, project] of Object.entries(projects)) installs.set(name, install(name, project));
  // Wait for all, so that a failed install is reported by its own test rather than here.
  await Promise.allSettled(installs.values());
});

afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

async function run(name: string, nodeOptions: string[] = []) {
  const dir = join(workDir, name);
  const { stdout } = await exec("node", [...nodeOptions, projects[name]?.entry as string], {
    cwd: dir,
    env: { ...process.env, FGKIT_MOCK_URL: endpoint },
  });
  return JSON.parse(stdout.trim().split("\n").pop() as string);
}

async function expectedAuthorization() {
  const url = new URL(`${endpoint}/v2/p1/fgs/functions?maxitems=5`);
  const signature = await computeSignature({ method: "GET", url, headers: [["X-Sdk-Date", "20240101T000000Z"]] }, credentials);
  return signature.authorization;
}

describe.each(Object.keys(projects))("%s", (name) => {
  const dir = () => join(workDir, name);

  it("installs the tarballs, not workspace links", async () => {
    await installs.get(name);
    for (const pkg of Object.keys(tarballs)) {
      const installed = join(dir(), "node_modules", pkg);
      expect(lstatSync(installed).isSymbolicLink(), pkg).toBe(false);
      expect(realpathSync(installed).startsWith(realpathSync(dir())), pkg).toBe(true);
    }
    // One copy of @fgkit/helpers, shared by @fgkit/client and the project.
    expect(existsSync(join(dir(), "node_modules", "@fgkit", "client", "node_modules", "@fgkit", "helpers"))).toBe(false);
  });

  if (projects[name]?.tsconfig) {
    it("type-checks and compiles (strict)", async () => {
      await installs.get(name);
      const result = await exec(tsc("typescript"), ["-p", dir()]).catch((error: { stdout?: string; stderr?: string }) => error);
      expect(`${result.stdout ?? ""}${result.stderr ?? ""}`).toBe("");
      const emitted = readFileSync(join(dir(), "dist", "main.js"), "utf8");
      if (projects[name]?.type === "commonjs") expect(emitted).toContain('require("@fgkit/client")');
      else expect(emitted).toContain('from "@fgkit/client"');
    });
  }

  it("creates a client, signs, and lists functions against the mock", async () => {
    await installs.get(name);
    const result = await run(name);
    const authorization = await expectedAuthorization();
    expect(result).toMatchObject({
      authorization,
      computed: authorization,
      functions: ["hello"],
      error: null,
      errorClass: "function",
    });
    if (name === "node-esm") {
      expect(result.client).toMatch(/node_modules\/@fgkit\/client\/dist\/index\.js$/);
      expect(result.helpers).toMatch(/node_modules\/@fgkit\/helpers\/dist\/index\.node\.js$/);
    }
    if (name === "node-cjs") {
      expect(result.client).toMatch(/node_modules\/@fgkit\/client\/dist\/index\.cjs$/);
      expect(result.helpers).toMatch(/node_modules\/@fgkit\/helpers\/dist\/index\.node\.cjs$/);
    }
    if (!name.startsWith("ts-")) expect(result.spec).toMatch(/^3\.1\./);
  });

  // The Web build (the ESM and CommonJS bundles made with the browser condition: Web Crypto, global fetch), as
  // browsers, Deno and Bun resolve it, run by Node under the browser condition.
  if (!name.startsWith("ts-")) {
    it("runs the Web build too (node --conditions=browser)", async () => {
      await installs.get(name);
      const result = await run(name, ["--conditions=browser"]);
      const authorization = await expectedAuthorization();
      expect(result).toMatchObject({ authorization, computed: authorization, functions: ["hello"], error: null });
      const web = name === "node-esm" ? "dist/index.js" : "dist/index.cjs";
      expect(result.helpers.endsWith(`node_modules/@fgkit/helpers/${web}`), result.helpers).toBe(true);
    });
  }
});
