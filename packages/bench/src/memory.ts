// Iterates every function of the server's paged list with paginateListFunctions, sampling RSS
// after each page. Prints the RSS after the first 1 000 items, the peak RSS and the RSS after the
// last page as JSON.
import { createFunctionGraphClient, paginateListFunctions } from "@fgkit/client";
import { AK, PROJECT_ID, SK } from "./fixture.js";

const [endpoint = "", total = "100000", pageSize = "400"] = process.argv.slice(2);
const client = createFunctionGraphClient({ endpoint, projectId: PROJECT_ID, credentials: { ak: AK, sk: SK } });

let seen = 0;
let afterFirstThousand = 0;
let peak = 0;
const begin = performance.now();
const size = Number(pageSize);
for await (const fn of paginateListFunctions({ client, pageSize: size }).items()) {
  // The first item of each page is checked by name (checking every one would add garbage of our own).
  if (seen % size === 0 && fn.func_name !== `bench-function-${seen}`) throw new Error(`item ${seen} is ${fn.func_name}`);
  seen++;
  if (seen % size === 0 || seen === 1000) {
    const rss = process.memoryUsage.rss();
    if (seen === 1000) afterFirstThousand = rss;
    peak = Math.max(peak, rss);
  }
}
if (seen !== Number(total)) throw new Error(`iterated ${seen} functions, expected ${total}`);
const last = process.memoryUsage.rss();
peak = Math.max(peak, last);
process.stdout.write(JSON.stringify({ seen, ms: performance.now() - begin, afterFirstThousand, peak, last }));
