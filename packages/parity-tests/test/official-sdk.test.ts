// The same request through fgkit and through the official Node SDK (3.1.211), for every operation of
// the spec, compared as both reach a local server: method, path, query, body bytes, Content-Type, the
// operation's headers and the signature itself (the clock is frozen, so both sign the same second).
// The official SDK places each parameter by its own code: a parameter the spec names wrongly or puts
// in the wrong place, or a body field it spells differently, shows up here as a difference.

import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { createFunctionGraphClient } from "@fgkit/client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resolve, type Schema, type Spec, sampleOf } from "./samples.js";

const require = createRequire(import.meta.url);
const spec = JSON.parse(readFileSync(require.resolve("@fgkit/spec/openapi.json"), "utf8")) as Spec;

const AK = "HPUAPARITYTESTAK0001";
const SK = "parity-test-secret-key-0123456789abcdef0";
const PROJECT = "0123456789abcdef0123456789abcdef";
const URN = `urn:fss:cn-north-4:${PROJECT}:function:default:hello:latest`;

/** Path values: real-looking, without the characters the official SDK inserts unencoded. */
const PATH_VALUES: Record<string, string> = {
  function_urn: URN,
  func_urn: URN,
  workflow_urn: `urn:fss:cn-north-4:${PROJECT}:workflow:flow-1`,
  resource_type: "functions",
  action: "filter",
  trigger_type_code: "TIMER",
  state: "true",
  period: "5",
};
/** A query value with what must be percent-encoded: a space, `/`, `&`, `=`, `+`, non-ASCII. */
const QUERY_TEXT = "a b:c/é中&=+";
/** Header values are Latin-1 (fgkit refuses anything else); body strings carry non-ASCII and quotes. */
const HEADER_TEXT = "text x:y";
const BODY_TEXT = 'text é中 "q" \\ \u2028';

// Headers that each SDK's HTTP stack adds after signing, and which differ by design.
const UNSIGNED_EXTRAS = new Set(["user-agent", "accept", "accept-encoding", "connection", "accept-language", "sec-fetch-mode"]);

interface Captured {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

const captured: Captured[] = [];
const server = createServer(async (req: IncomingMessage, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2)
    headers[(req.rawHeaders[i] as string).toLowerCase()] = req.rawHeaders[i + 1] as string;
  captured.push({ method: req.method ?? "", url: req.url ?? "", headers, body: Buffer.concat(chunks).toString("utf8") });
  res.writeHead(200, { "content-type": "application/json" }).end("{}");
});

interface OfficialSdk {
  core: { BasicCredentials: new () => OfficialCredentials };
  fg: Record<string, unknown> & { FunctionGraphClient: { newBuilder(): OfficialBuilder } };
}
interface OfficialCredentials {
  withAk(ak: string): OfficialCredentials;
  withSk(sk: string): OfficialCredentials;
  withProjectId(id: string): OfficialCredentials;
}
interface OfficialBuilder {
  withCredential(credentials: OfficialCredentials): OfficialBuilder;
  withEndpoint(endpoint: string): OfficialBuilder;
  build(): Record<string, (request: object) => Promise<unknown>>;
}

let endpoint = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Both SDKs read the time from Date: frozen, they sign the same X-Sdk-Date.
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2026-11-30T04:05:06Z") });
});
afterAll(async () => {
  vi.useRealTimers();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Operation {
  id: string;
  method: string;
  path: string;
  params: { name: string; in: "path" | "query" | "header"; schema: Schema }[];
  body: Schema | undefined;
}

function operations(): Operation[] {
  const found: Operation[] = [];
  for (const [path, item] of Object.entries(spec.paths))
    for (const [method, operation] of Object.entries(item)) {
      if (typeof operation !== "object" || !operation || !("operationId" in operation)) continue;
      const params = [...(item.parameters ?? []), ...(operation.parameters ?? [])]
        .map((p) => resolve(spec, p))
        // project_id comes from the client; a parameter newer than the official SDK has no place there.
        .filter((p) => p.name !== "project_id" && !p["x-fgkit-not-in-official-sdk"]);
      const json = operation.requestBody && resolve(spec, operation.requestBody).content?.["application/json"];
      found.push({ id: operation.operationId, method: method.toUpperCase(), path, params, body: json?.schema });
    }
  return found;
}

/** The operation's parameters as the official SDK's request objects take them: by their wire names. */
function paramValues(operation: Operation) {
  const values = {
    path: {} as Record<string, string>,
    query: {} as Record<string, unknown>,
    header: {} as Record<string, unknown>,
  };
  for (const param of operation.params) {
    if (param.in === "path") values.path[param.name] = PATH_VALUES[param.name] ?? `${param.name}-1`;
    else values[param.in][param.name] = sampleOf(spec, param.schema, param.in === "query" ? QUERY_TEXT : HEADER_TEXT);
  }
  return values;
}

/** What `send` put on the wire (the answer does not matter), or why it sent nothing. */
async function capture(send: () => Promise<unknown>): Promise<Captured | string> {
  const before = captured.length;
  let failure = "no error";
  await send().catch((error: unknown) => {
    failure = String((error as { message?: unknown })?.message ?? error);
  });
  return captured.length > before ? (captured[captured.length - 1] as Captured) : failure;
}

// The spec's operationIds are the official SDK's method names; its request classes are capitalised.
const upperFirst = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

describe("fgkit and the official Node SDK send the same request", () => {
  const all = operations();

  it("covers all 92 operations of the spec", () => {
    expect(all).toHaveLength(92);
  });

  it("for every operation: method, path, query, body, Content-Type, the operation's headers and the signature", async () => {
    const official: OfficialSdk = {
      core: require("@huaweicloud/huaweicloud-sdk-core"),
      fg: require("@huaweicloud/huaweicloud-sdk-functiongraph"),
    };
    const credentials = new official.core.BasicCredentials().withAk(AK).withSk(SK).withProjectId(PROJECT);
    const theirs = official.fg.FunctionGraphClient.newBuilder().withCredential(credentials).withEndpoint(endpoint).build();
    const ours = createFunctionGraphClient({
      endpoint,
      projectId: PROJECT,
      credentials: { ak: AK, sk: SK },
      retry: { maxAttempts: 1 },
    }) as unknown as Record<string, (path: string, init: object) => Promise<unknown>>;

    const differences: string[] = [];
    for (const operation of all) {
      const params = paramValues(operation);
      const body = operation.body ? sampleOf(spec, operation.body, BODY_TEXT) : undefined;

      const requestClass = `${upperFirst(operation.id)}Request`;
      const RequestClass = official.fg[requestClass] as (new () => Record<string, unknown>) | undefined;
      const call = theirs[operation.id];
      if (!RequestClass || !call) {
        differences.push(`${operation.id}: the official SDK has no ${requestClass} or ${operation.id}()`);
        continue;
      }
      const request: Record<string, unknown> = Object.assign(new RequestClass(), params.path, params.query, params.header);
      if (body !== undefined) request.body = body;
      const sentByThem = await capture(() => call.call(theirs, request));
      const sentByUs = await capture(() =>
        (ours[operation.method] as NonNullable<(typeof ours)[string]>)(operation.path, { params, body }),
      );
      if (typeof sentByThem === "string" || typeof sentByUs === "string") {
        if (typeof sentByThem === "string") differences.push(`${operation.id}: the official SDK sent nothing (${sentByThem})`);
        if (typeof sentByUs === "string") differences.push(`${operation.id}: fgkit sent nothing (${sentByUs})`);
        continue;
      }
      differences.push(...compare(operation.id, sentByThem, sentByUs));
    }
    expect(differences).toEqual([]);
  });
});

function compare(id: string, theirs: Captured, ours: Captured): string[] {
  const found: string[] = [];
  const differ = (what: string, a: unknown, b: unknown) => {
    if (a !== b) found.push(`${id}: ${what}: official ${JSON.stringify(a)}, fgkit ${JSON.stringify(b)}`);
  };
  differ("method", theirs.method, ours.method);
  differ("path and query", theirs.url, ours.url);
  differ("body", theirs.body, ours.body);
  const names = new Set([...Object.keys(theirs.headers), ...Object.keys(ours.headers)]);
  for (const name of [...names].sort())
    if (!UNSIGNED_EXTRAS.has(name)) differ(`header ${name}`, theirs.headers[name], ours.headers[name]);
  return found;
}
