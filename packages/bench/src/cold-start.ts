// Run in a fresh process per measurement: the time from before loading the SDK to a client ready
// to send (the row's number), and to the end of its first call (shown beside it: what a lazily
// loaded dependency costs still counts there). Prints both, in milliseconds, as JSON.
import { createOfficialClient } from "./clients.js";
import { AK, checkSmallList, PROJECT_ID, SK } from "./fixture.js";

const [mode, endpoint = "http://127.0.0.1:9"] = process.argv.slice(2);
let ms: number;
let withCall: number;
if (mode === "official") {
  const begin = performance.now();
  const { client, ListFunctionsRequest } = createOfficialClient(endpoint); // require() of core and functiongraph
  ms = performance.now() - begin;
  checkSmallList(await client.listFunctions(new ListFunctionsRequest()));
  withCall = performance.now() - begin;
} else {
  const begin = performance.now();
  const { createFunctionGraphClient } = await import("@fgkit/client");
  const client = createFunctionGraphClient({ endpoint, projectId: PROJECT_ID, credentials: { ak: AK, sk: SK } });
  ms = performance.now() - begin;
  const { data, error } = await client.GET("/v2/{project_id}/fgs/functions");
  if (error !== undefined) throw new Error("fgkit: first call failed");
  checkSmallList(data);
  withCall = performance.now() - begin;
}
process.stdout.write(JSON.stringify({ ms, withCall }));
process.exit(0);
