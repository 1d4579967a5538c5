// The Node CommonJS build as Jest (without --experimental-vm-modules) and other node:vm sandboxes load
// it: compiled by node:vm with no dynamic-import callback, where import() rejects with
// ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING. On a Node without process.getBuiltinModule (before 20.16:
// FunctionGraph's Node.js 18.15 and 20.15 runtimes) it must still sign and decode compressed answers,
// so it loads node:crypto and node:zlib with require there, not import(). And Jest runs each test
// file in a node:vm context of its own, whose global has Node's fetch copied onto it but not the
// dispatcher undici keeps on Node's real global: there the calls go through that fetch.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { compileFunction, createContext, Script } from "node:vm";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { computeSignature } from "../../src/index.js";
import { useLoopbackServer } from "../support/loopback-server.js";

type Helpers = typeof import("../../src/index.js");

const BUNDLE = fileURLToPath(new URL("../../dist/index.node.cjs", import.meta.url));

/** A fresh copy of the CommonJS build, loaded as Jest loads it, seeing a `process` as Node 20.15's. */
function loadAsJestDoes(): Helpers {
  const olderProcess = Object.create(process, { getBuiltinModule: { value: undefined } }) as NodeJS.Process;
  const parameters = ["exports", "require", "module", "__filename", "__dirname", "process"];
  const load = compileFunction(readFileSync(BUNDLE, "utf8"), parameters, { filename: BUNDLE });
  const module = { exports: {} };
  load(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE), olderProcess);
  return module.exports as Helpers;
}

/** A fresh copy of the CommonJS build, run in a node:vm context of its own with Node's globals copied in, as Jest's node environment makes. */
function loadInOwnContext(): Helpers {
  const names = ["fetch", "Request", "Response", "Headers", "AbortController", "AbortSignal", "URL", "URLSearchParams"]
    .concat(["TextEncoder", "TextDecoder", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "queueMicrotask"])
    .concat(["Buffer", "process", "console", "performance", "DOMException", "Event", "EventTarget", "ReadableStream", "Blob"]);
  const sandbox = createContext(Object.fromEntries(names.map((name) => [name, (globalThis as Record<string, unknown>)[name]])));
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${readFileSync(BUNDLE, "utf8")}\n})`;
  const load = new Script(wrapper, { filename: BUNDLE }).runInContext(sandbox);
  const module = { exports: {} };
  load(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
  return module.exports as Helpers;
}

const QUOTAS = { quotas: { resources: [{ type: "fgs_func_code_size", quota: 300 }] } };
let lastAuthorization: string | undefined;
const server = useLoopbackServer((req, res) => {
  lastAuthorization = req.headers.authorization;
  res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
  res.end(gzipSync(JSON.stringify(QUOTAS)));
});

describe("the CommonJS build loaded through node:vm (Jest) on a Node without process.getBuiltinModule", () => {
  const input = {
    method: "POST",
    url: new URL("https://functiongraph.cn-north-4.myhuaweicloud.com/v2/p1/fgs/functions"),
    headers: [["Content-Type", "application/json"]] as [string, string][],
    body: '{"func_name":"f"}',
  };
  const keys = { ak: "AKEXAMPLE", sk: "S".repeat(100) };
  const date = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));

  it("signs, concurrent first signatures included", async () => {
    const helpers = loadAsJestDoes();
    const expected = (await computeSignature(input, keys, { date })).authorization;
    const signatures = await Promise.all(Array.from({ length: 3 }, () => helpers.computeSignature(input, keys, { date })));
    expect(signatures.map((signature) => signature.authorization)).toEqual([expected, expected, expected]);
  });

  it("signs a call and decodes its gzip answer on the direct transport", async () => {
    const helpers = loadAsJestDoes();
    const send = helpers.withRetry(helpers.withAuth(helpers.defaultFetch, helpers.resolveCredentials(keys)), { maxAttempts: 1 });
    const response = await send(new Request(`${server.url()}/v2/p1/fgs/quotas`));
    expect(await response.json()).toEqual(QUOTAS);
  });
});

describe("the CommonJS build in a node:vm context of its own (Jest's test environment)", () => {
  it("sends a signed call through the global fetch there, and decodes its gzip answer", async () => {
    const helpers = loadInOwnContext();
    const keys = { ak: "AKEXAMPLE", sk: "SKEXAMPLE" };
    const send = helpers.withRetry(helpers.withAuth(helpers.defaultFetch, helpers.resolveCredentials(keys)), { maxAttempts: 1 });
    const response = await send(new Request(`${server.url()}/v2/p1/fgs/quotas`));
    expect(await response.json()).toEqual(QUOTAS);
    expect(lastAuthorization).toMatch(/^SDK-HMAC-SHA256 Access=AKEXAMPLE, /);
  });
});
