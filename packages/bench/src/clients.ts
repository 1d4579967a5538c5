// The four ways of making one signed ListFunctions call that the bench compares. Each factory
// returns a `call()` that resolves once the answer is read, parsed and checked.
import { Agent, request } from "node:http";
import { createRequire } from "node:module";
import { AK, checkSmallList, LIST_PATH, PROJECT_ID, SK } from "./fixture.js";

export const MODES = ["official", "fgkit", "fetch", "http"] as const;
export type Mode = (typeof MODES)[number];
export type Call = () => Promise<void>;

export const MODE_LABELS: Record<Mode, string> = {
  official: "official SDK (huaweicloud-sdk-functiongraph 3.1.211)",
  fgkit: "fgkit (createFunctionGraphClient)",
  fetch: "global fetch, precomputed header",
  http: "node:http keep-alive agent, precomputed header",
};

export function createCaller(mode: Mode, endpoint: string): Promise<Call> {
  switch (mode) {
    case "official":
      return officialCaller(endpoint);
    case "fgkit":
      return fgkitCaller(endpoint);
    case "fetch":
      return fetchCaller(endpoint);
    case "http":
      return httpCaller(endpoint);
  }
}

const require = createRequire(import.meta.url);

interface OfficialSdk {
  core: { BasicCredentials: new () => { withAk(ak: string): OfficialCredentials } };
  fg: {
    FunctionGraphClient: { newBuilder(): OfficialBuilder };
    ListFunctionsRequest: new () => object;
  };
}
interface OfficialCredentials {
  withAk(ak: string): OfficialCredentials;
  withSk(sk: string): OfficialCredentials;
  withProjectId(id: string): OfficialCredentials;
}
interface OfficialBuilder {
  withCredential(credentials: OfficialCredentials): OfficialBuilder;
  withEndpoint(endpoint: string): OfficialBuilder;
  build(): { listFunctions(request: object): Promise<unknown> };
}

/** The official Node SDK as its README shows it: BasicCredentials, an endpoint, listFunctions. */
export function createOfficialClient(endpoint: string) {
  const sdk: OfficialSdk = {
    core: require("@huaweicloud/huaweicloud-sdk-core"),
    fg: require("@huaweicloud/huaweicloud-sdk-functiongraph"),
  };
  const credentials = new sdk.core.BasicCredentials().withAk(AK).withSk(SK).withProjectId(PROJECT_ID);
  const client = sdk.fg.FunctionGraphClient.newBuilder().withCredential(credentials).withEndpoint(endpoint).build();
  return { client, ListFunctionsRequest: sdk.fg.ListFunctionsRequest };
}

async function officialCaller(endpoint: string): Promise<Call> {
  const { client, ListFunctionsRequest } = createOfficialClient(endpoint);
  return async () => checkSmallList(await client.listFunctions(new ListFunctionsRequest()));
}

async function fgkitCaller(endpoint: string): Promise<Call> {
  const { createFunctionGraphClient } = await import("@fgkit/client");
  const client = createFunctionGraphClient({ endpoint, projectId: PROJECT_ID, credentials: { ak: AK, sk: SK } });
  return async () => {
    const { data, error, response } = await client.GET("/v2/{project_id}/fgs/functions");
    if (error !== undefined || response.status !== 200) throw new Error(`fgkit: HTTP ${response.status}`);
    checkSmallList(data);
  };
}

/** The headers of a signed call, computed once: the raw modes do no signing work per call. */
async function fixedHeaders(endpoint: string): Promise<Record<string, string>> {
  const { computeSignature } = await import("@fgkit/helpers");
  const headers = { "content-type": "application/json", "x-project-id": PROJECT_ID };
  const signature = await computeSignature(
    { method: "GET", url: new URL(LIST_PATH, endpoint), headers: Object.entries(headers) },
    { ak: AK, sk: SK },
  );
  return { ...headers, ...signature.headers };
}

async function fetchCaller(endpoint: string): Promise<Call> {
  const headers = await fixedHeaders(endpoint);
  const url = `${endpoint}${LIST_PATH}`;
  return async () => {
    const response = await fetch(url, { headers });
    if (response.status !== 200) throw new Error(`fetch: HTTP ${response.status}`);
    checkSmallList(await response.json());
  };
}

async function httpCaller(endpoint: string): Promise<Call> {
  const headers = await fixedHeaders(endpoint);
  const url = new URL(LIST_PATH, endpoint);
  const agent = new Agent({ keepAlive: true });
  const options = { hostname: url.hostname, port: url.port, path: url.pathname, headers, agent };
  return () =>
    new Promise<void>((resolve, reject) => {
      request(options, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          try {
            if (response.statusCode !== 200) throw new Error(`node:http: HTTP ${response.statusCode}`);
            checkSmallList(JSON.parse(Buffer.concat(chunks).toString("utf8")));
            resolve();
          } catch (error) {
            reject(error);
          }
        });
      })
        .on("error", reject)
        .end();
    });
}

/** Makes `calls` calls with `concurrency` in flight; returns the elapsed milliseconds. */
export async function runCalls(call: Call, calls: number, concurrency: number): Promise<number> {
  let started = 0;
  const lane = async () => {
    while (started < calls) {
      started++;
      await call();
    }
  };
  const begin = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, calls) }, lane));
  return performance.now() - begin;
}
