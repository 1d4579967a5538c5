import { readFileSync } from "node:fs";
import { createFunctionGraphClient, type FunctionGraphClient } from "@fgkit/client";
import { expect, inject } from "vitest";

export const PROJECT = "0123456789abcdef0123456789abcdef";
export const URN = `urn:fss:cn-north-4:${PROJECT}:function:default:hello-world:latest`;
export const FUNC_URN = `urn:fss:cn-north-4:${PROJECT}:function:default:hello-world`;

export interface Exchange {
  method: string;
  url: URL;
  status: number;
  violations: string | null;
}

/** A signed client pointed at the Prism mock; every exchange is recorded with Prism's violations. */
export function mockClient(): { client: FunctionGraphClient; exchanges: Exchange[] } {
  const exchanges: Exchange[] = [];
  const client = createFunctionGraphClient({
    endpoint: inject("prismUrl"),
    projectId: PROJECT,
    credentials: { ak: "HPUAEXAMPLEAK0123456", sk: "ExampleSecretKey0123456789abcdefghijklmnop" },
    fetch: async (request) => {
      const response = await fetch(request);
      exchanges.push({
        method: request.method,
        url: new URL(request.url),
        status: response.status,
        violations: response.headers.get("sl-violations"),
      });
      return response;
    },
  });
  return { client, exchanges };
}

interface SpecOperation {
  operationId: string;
  method: string;
  template: string;
  pattern: RegExp;
}

let operations: SpecOperation[] | undefined;

/** The operations of the bundled spec, each with a regex that matches its concrete URLs. */
export function specOperations(): SpecOperation[] {
  if (operations) return operations;
  const spec = JSON.parse(readFileSync(inject("specPath"), "utf8")) as {
    paths: Record<string, Record<string, { operationId?: string }>>;
  };
  operations = [];
  for (const [template, item] of Object.entries(spec.paths))
    for (const [method, op] of Object.entries(item))
      if (op?.operationId) {
        // Literal segments win over templated ones, as in Prism's router.
        const source = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+");
        operations.push({
          operationId: op.operationId,
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${source}$`),
        });
      }
  operations.sort((a, b) => literalWeight(b.template) - literalWeight(a.template));
  return operations;
}

const literalWeight = (template: string) => template.split("/").filter((s) => s && !s.startsWith("{")).length;

/** Which spec operation an exchange hit. */
export function operationOf(exchange: Exchange): string | undefined {
  return specOperations().find((op) => op.method === exchange.method && op.pattern.test(exchange.url.pathname))?.operationId;
}

/** Fails when Prism flagged the exchange as breaking the spec (request or response). */
export function expectNoViolations(exchange: Exchange): void {
  expect(exchange.violations, `Prism reported violations: ${exchange.violations}`).toBeNull();
}

/** Asserts the last exchange hit `operationId`, got `status`, and that Prism saw no spec violation. */
export function expectExchange(exchanges: Exchange[], operationId: string, status: number): void {
  const last = exchanges.at(-1);
  expect(last, "no request was sent").toBeDefined();
  expectNoViolations(last as Exchange);
  expect(last?.url.pathname.startsWith(`/v2/${PROJECT}/`), `project_id not filled in ${last?.url.pathname}`).toBe(true);
  expect(operationOf(last as Exchange)).toBe(operationId);
  expect(last?.status).toBe(status);
}

/** One contract case: a typed call through the client and a check of its typed result. */
export interface ContractCase {
  operationId: string;
  run(client: FunctionGraphClient, exchanges: Exchange[]): Promise<void>;
}

/**
 * Defines a case: `call` goes through the typed client; `check` receives the typed data of the
 * success answer (undefined for 204); the exchange must hit `operationId` with `status`.
 */
export function contract<T>(
  operationId: string,
  status: number,
  call: (client: FunctionGraphClient) => Promise<{ data?: T; error?: unknown; response: Response }>,
  check: (data: T) => void,
): ContractCase {
  return {
    operationId,
    async run(client, exchanges) {
      const { data, error, response } = await call(client);
      expect(error, `unexpected error body ${JSON.stringify(error)}`).toBeUndefined();
      expect(response.status).toBe(status);
      expectExchange(exchanges, operationId, status);
      check(data as T);
    },
  };
}

/** Asks Prism for the documented 404 answer of an operation. */
export const PREFER_404 = { Prefer: "code=404" } as const;

/**
 * An error-path case: the call (made with PREFER_404) must come back as a 404 whose typed error
 * body carries the API's `error_code` and `error_msg`.
 */
export function notFoundContract(
  operationId: string,
  call: (
    client: FunctionGraphClient,
  ) => Promise<{ data?: unknown; error?: { error_code: string; error_msg: string } | string | undefined; response: Response }>,
): ContractCase {
  return {
    operationId,
    async run(client, exchanges) {
      const { data, error, response } = await call(client);
      expect(data).toBeUndefined();
      expect(response.status).toBe(404);
      expectExchange(exchanges, operationId, 404);
      // The API's error object, not a gateway's text or an empty body.
      if (typeof error !== "object") throw new Error(`${operationId}: the 404 carries no error object (${String(error)})`);
      expect(error.error_code).toMatch(/^FSS\.\d{4}$/);
      expect(error.error_msg).toBeTypeOf("string");
    },
  };
}
