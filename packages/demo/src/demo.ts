// npm run demo: a tour of @fgkit/client. With FG_REGION set it talks to the real cloud, with the
// credentials and project the client reads itself (HUAWEICLOUD_SDK_AK, _SK, _PROJECT_ID and optionally
// _SECURITY_TOKEN); FG_FUNCTION_URN picks the function to invoke. Otherwise it talks to a local Prism mock.
import {
  createFunctionGraphClient,
  FunctionGraphError,
  invokeFunction,
  paginateListFunctions,
  paginateResourceInstances,
  unwrap,
} from "@fgkit/client";
import { bundledSpecPath, startPrism } from "@fgkit/mock";

const env = process.env;
const live = Boolean(env.FG_REGION);
const mock = live ? undefined : await startPrism(bundledSpecPath());
const out = (line = "") => process.stdout.write(`${line}\n`);

try {
  out(live ? `fgkit demo — live, region ${env.FG_REGION}` : `fgkit demo — against a local Prism mock at ${mock?.url}`);
  const client = createFunctionGraphClient(
    live
      ? { region: env.FG_REGION }
      : {
          endpoint: mock?.url,
          projectId: "0123456789abcdef0123456789abcdef",
          credentials: { ak: "HPUAEXAMPLEAK0123456", sk: "ExampleSecretKey0123456789abcdefghijklmnop" },
        },
  );

  out("\n1. Functions (paginated, 50 a page; the mock serves one page):");
  let first: string | undefined;
  let listed = 0;
  for await (const fn of paginateListFunctions({ client, pageSize: 50 }).items()) {
    first ??= fn.func_urn;
    if (listed++ < 10)
      out(`   ${String(fn.func_name).padEnd(24)} ${String(fn.runtime).padEnd(14)} ${fn.memory_size} MB  ${fn.func_urn}`);
  }
  out(`   ${listed} function(s)`);

  const urn = env.FG_FUNCTION_URN ?? first;
  if (!urn) {
    out("\nNo function to look at; create one and run the demo again.");
  } else {
    out(`\n2. Configuration of ${urn}:`);
    const config = await unwrap(
      client.GET("/v2/{project_id}/fgs/functions/{function_urn}/config", { params: { path: { function_urn: urn } } }),
    );
    out(`   handler ${config.handler}, runtime ${config.runtime}, ${config.memory_size} MB, timeout ${config.timeout} s`);

    out("\n3. Invoke it (synchronously, with the log tail):");
    const run = await invokeFunction(client, urn, { message: "hello from fgkit" });
    out(`   request id ${run.requestId}, status ${run.status}${run.functionError ? " (function error)" : ""}`);
    out(`   result: ${JSON.stringify(run.result)}`);
    if (run.log)
      out(
        `   log:\n${run.log
          .split("\n")
          .map((l) => `     | ${l}`)
          .join("\n")}`,
      );
  }

  out("\n4. Resources by tag (resource-instances filter and count):");
  const tagged = await paginateResourceInstances(
    { client, pageSize: 100 },
    { matches: [{ key: "resource_name", value: "" }] },
  ).all();
  for (const r of tagged.slice(0, 10))
    out(`   ${r.resource_name ?? r.resource_id}  tags: ${(r.tags ?? []).map((t) => `${t.key}=${t.value}`).join(", ") || "-"}`);
  const count = await unwrap(
    client.POST("/v2/{project_id}/{resource_type}/resource-instances/{action}", {
      params: { path: { resource_type: "functions", action: "count" } },
      body: { matches: [{ key: "resource_name", value: "" }] },
    }),
  );
  out(`   ${tagged.length} resource(s) listed; count says ${count.total_count}`);
  out("\nDone.");
} catch (error) {
  if (FunctionGraphError.isInstance(error))
    out(`\nFunctionGraph error ${error.status} ${error.code ?? ""}: ${error.message} (request id ${error.requestId ?? "-"})`);
  else out(`\n${error instanceof Error ? error.stack : String(error)}`);
  process.exitCode = 1;
} finally {
  await mock?.close();
}
