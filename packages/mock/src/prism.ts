// Prism's HTTP server, run in this process: nothing to orphan, and listen(0) gives a free port.
import { createRequire } from "node:module";
import { createLogger } from "@stoplight/prism-core";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";

export interface PrismMock {
  url: string;
  close(): Promise<void>;
}

export async function startPrism(specPath: string, { dynamic = false } = {}): Promise<PrismMock> {
  const operations = await getHttpOperationsFromSpec(specPath);
  const server = createServer(operations, {
    cors: false,
    components: { logger: createLogger("PRISM", { level: process.env.PRISM_LOG ?? "silent" }) },
    config: {
      isProxy: false,
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: false,
      upstreamProxy: undefined,
      mock: { dynamic },
    },
  } as Parameters<typeof createServer>[1]);
  const url = await server.listen(0, "127.0.0.1");
  return { url, close: () => server.close() };
}

/** The bundled spec shipped by @fgkit/spec. */
export function bundledSpecPath(): string {
  return createRequire(import.meta.url).resolve("@fgkit/spec/openapi.json");
}
