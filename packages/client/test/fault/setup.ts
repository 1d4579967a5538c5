import { computeSignature, FunctionGraphError } from "@fgkit/helpers";
import { afterEach, beforeEach, expect } from "vitest";
import { createFunctionGraphClient, type FunctionGraphClientOptions } from "../../src/index.js";
import { AKSK, PROJECT, URN } from "../helpers.js";
import { type Received, type ScriptedServer, startScriptedServer } from "./scripted-server.js";

/** Small delays so the suite stays fast: with random 0.5 the backoffs are 5 ms, then 10 ms. */
export const FAST_RETRY = { baseDelayMs: 10, throttlingBaseDelayMs: 10, random: () => 0.5 } as const;
/**
 * The attempt timeout of the tests about timeouts. The other tests keep a generous one, so that a
 * busy machine cannot turn a slow attempt into an extra one.
 */
export const ATTEMPT_TIMEOUT_MS = 150;
export const SHORT_TIMEOUT = { timeout: { attemptTimeoutMs: ATTEMPT_TIMEOUT_MS } } as const;

// Paths with a path parameter: openapi-fetch fills {project_id} only when `params.path` is given.
export const CONFIG = "/v2/{project_id}/fgs/functions/{function_urn}/config" as const;
export const CONFIG_PATH = `/v2/${PROJECT}/fgs/functions/${URN}/config`;
export const byUrn = { params: { path: { function_urn: URN } } } as const;
/** The configuration the scripted server answers with in the success cases. */
export const SAMPLE_CONFIG = { func_name: "hello", runtime: "Node.js20.15" };
export const INVOKE = "/v2/{project_id}/fgs/functions/{function_urn}/invocations" as const;
export const INVOKE_PATH = `/v2/${PROJECT}/fgs/functions/${URN}/invocations`;

/** A fresh scripted server per test, closed after it (hanging answers included). */
export function useScriptedServer(): { readonly current: ScriptedServer } {
  const holder = {} as { current: ScriptedServer };
  beforeEach(async () => {
    holder.current = await startScriptedServer();
  });
  afterEach(async () => {
    await holder.current.close();
  });
  return holder;
}

export function clientFor(endpoint: string, options: Partial<FunctionGraphClientOptions> = {}) {
  return createFunctionGraphClient({
    endpoint,
    projectId: PROJECT,
    credentials: AKSK,
    retry: FAST_RETRY,
    timeout: { attemptTimeoutMs: 2000 },
    ...options,
  });
}

/** Runs `call`, expects it to reject with a FunctionGraphError, and returns the error and the time taken. */
export async function failure(call: () => Promise<unknown>): Promise<{ error: FunctionGraphError; ms: number }> {
  const started = performance.now();
  let thrown: unknown;
  try {
    await call();
  } catch (error) {
    thrown = error;
  }
  const ms = performance.now() - started;
  expect(thrown, "the call should have failed").toBeDefined();
  expect(FunctionGraphError.isInstance(thrown), `not a FunctionGraphError: ${String(thrown)}`).toBe(true);
  return { error: thrown as FunctionGraphError, ms };
}

export async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await call();
  return { value, ms: performance.now() - started };
}

/**
 * The error describes the request that failed (method, URL, the headers withAuth set) and no
 * secret shows anywhere in it: not the SK, not a signature, not a token.
 */
export function expectRequestInfo(error: FunctionGraphError, method: string, path: string, secrets: string[] = []): void {
  expect(error.request?.method).toBe(method);
  expect(new URL(error.request?.url ?? "").pathname).toBe(path);
  expect(error.request?.headers["x-project-id"]).toBe(PROJECT);
  const everything = `${error.message} ${JSON.stringify(error)} ${JSON.stringify(error.request)}`;
  for (const secret of [AKSK.sk, ...secrets]) expect(everything).not.toContain(secret);
  expect(everything).not.toMatch(/Signature=[0-9a-f]{64}/);
}

/** What a gateway checks: the Authorization it received is the signature of what it received. */
export async function signatureIsValid(request: Received, keys: { ak: string; sk: string } = AKSK): Promise<boolean> {
  const authorization = String(request.headers.authorization ?? "");
  const signed = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(";") ?? [];
  const headers = signed.filter((name) => name !== "host").map((name): [string, string] => [name, String(request.headers[name])]);
  const url = new URL(`${request.url.pathname}${request.url.search}`, `http://${request.headers.host}`);
  const expected = await computeSignature({ method: request.method, url, headers, body: request.body }, keys);
  return signed.includes("x-sdk-date") && expected.authorization === authorization;
}

/** X-Sdk-Date (20250102T030405Z) as epoch milliseconds; NaN when it is not in that form. */
export function sdkDateMs(value: unknown): number {
  const basic = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(String(value));
  return basic ? Date.parse(`${basic[1]}-${basic[2]}-${basic[3]}T${basic[4]}:${basic[5]}:${basic[6]}Z`) : Number.NaN;
}
