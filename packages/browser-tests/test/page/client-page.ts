// The client page: @fgkit/client as a browser bundle (esbuild, platform "browser"), walking a paged
// list, retrying a 503, ending a call that never answers at its attempt timeout, and refusing bad
// input, all over the browser's own fetch and Web Crypto. Bundled by client.test.ts.
import { createFunctionGraphClient, FunctionGraphError, InvalidInputError, paginateListFunctions, unwrap } from "@fgkit/client";
import { CLIENT_CREDENTIALS, CLIENT_PROJECT, type ClientPageGlobals } from "./protocol.js";

const page = globalThis as unknown as ClientPageGlobals;

page.fgkitRun = async (endpoint) => {
  const client = createFunctionGraphClient({
    endpoint,
    projectId: CLIENT_PROJECT,
    credentials: CLIENT_CREDENTIALS,
    retry: { baseDelayMs: 1, throttlingBaseDelayMs: 1 },
  });
  const names: string[] = [];
  for await (const fn of paginateListFunctions({ client, pageSize: 2 }).items()) names.push(fn.func_name);
  const quotas = await unwrap(client.GET("/v2/{project_id}/fgs/quotas")).catch((error: unknown) => String(error));
  const timeout = await client
    // Only this call gets a short attempt timeout: on a loaded CI machine a real page may take longer.
    .withOptions({ retry: { maxAttempts: 1 }, timeout: { attemptTimeoutMs: 300 } })
    .GET("/v2/{project_id}/fgs/functions/{function_urn}/config", { params: { path: { function_urn: "hangs" } } })
    .then(
      () => ({ name: "none", message: "answered" }),
      (error: unknown) =>
        FunctionGraphError.isInstance(error)
          ? { name: error.name, code: error.code, message: error.message }
          : { name: "other", message: String(error) },
    );
  const refused = await client
    .GET("/v2/{project_id}/fgs/functions", { params: { query: { maxitems: Number.NaN as unknown as string } } })
    .then(
      () => ({ name: "none", message: "sent" }),
      (error: unknown) =>
        error instanceof InvalidInputError
          ? { name: error.name, field: error.field, message: error.message }
          : { name: "other", message: String(error) },
    );
  return { names, quotas, timeout, refused };
};
page.fgkitReady = true;
