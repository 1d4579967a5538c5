// Iterates every function of the server's paged list, sampling RSS after each page. Prints the RSS
// after the first 1 000 items, the peak RSS and the RSS after the last page as JSON.
//
// Modes: `fgkit` walks with paginateListFunctions; `fetch` and `http` walk the same pages by hand
// (each page's request signed, the body parsed, every item visited) over the global fetch and over
// node:http with a keep-alive agent. They show what the transport alone costs in memory.
import { Agent, request } from "node:http";
import { AK, LIST_PATH, PROJECT_ID, SK } from "./fixture.js";

const [mode = "fgkit", endpoint = "", total = "100000", pageSize = "400"] = process.argv.slice(2);
const size = Number(pageSize);

interface Page {
  functions?: { func_name?: string }[];
  next_marker?: number;
}

/** One page by marker, as the raw modes fetch it: signed for its own URL, parsed. */
type PageFetcher = (url: URL, headers: Record<string, string>) => Promise<Page>;

const overFetch: PageFetcher = async (url, headers) => {
  const response = await fetch(url, { headers });
  if (response.status !== 200) throw new Error(`fetch: HTTP ${response.status}`);
  return (await response.json()) as Page;
};

const agent = new Agent({ keepAlive: true });
const overHttp: PageFetcher = (url, headers) =>
  new Promise((resolve, reject) => {
    request({ hostname: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        if (response.statusCode !== 200) reject(new Error(`node:http: HTTP ${response.statusCode}`));
        else resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")) as Page);
      });
    })
      .on("error", reject)
      .end();
  });

async function* byHand(fetchPage: PageFetcher): AsyncGenerator<{ func_name?: string }> {
  const { computeSignature } = await import("@fgkit/helpers");
  let marker: number | undefined;
  do {
    const url = new URL(LIST_PATH, endpoint);
    url.searchParams.set("maxitems", String(size));
    if (marker !== undefined) url.searchParams.set("marker", String(marker));
    const headers = { "content-type": "application/json", "x-project-id": PROJECT_ID };
    const signature = await computeSignature({ method: "GET", url, headers: Object.entries(headers) }, { ak: AK, sk: SK });
    const page = await fetchPage(url, { ...headers, ...signature.headers });
    yield* page.functions ?? [];
    marker = page.next_marker;
  } while (marker !== undefined);
}

async function items(): Promise<AsyncIterable<{ func_name?: string }>> {
  if (mode === "fetch") return byHand(overFetch);
  if (mode === "http") return byHand(overHttp);
  if (mode !== "fgkit") throw new Error(`unknown mode ${mode}`);
  const { createFunctionGraphClient, paginateListFunctions } = await import("@fgkit/client");
  const client = createFunctionGraphClient({ endpoint, projectId: PROJECT_ID, credentials: { ak: AK, sk: SK } });
  return paginateListFunctions({ client, pageSize: size }).items();
}

let seen = 0;
let afterFirstThousand = 0;
let peak = 0;
const begin = performance.now();
for await (const fn of await items()) {
  // The first item of each page is checked by name (checking every one would add garbage of our own).
  if (seen % size === 0 && fn.func_name !== `bench-function-${seen}`) throw new Error(`${mode}: item ${seen} is ${fn.func_name}`);
  seen++;
  if (seen % size === 0 || seen === 1000) {
    const rss = process.memoryUsage.rss();
    if (seen === 1000) afterFirstThousand = rss;
    peak = Math.max(peak, rss);
  }
}
if (seen !== Number(total)) throw new Error(`${mode}: iterated ${seen} functions, expected ${total}`);
const last = process.memoryUsage.rss();
peak = Math.max(peak, last);
agent.destroy();
process.stdout.write(JSON.stringify({ seen, ms: performance.now() - begin, afterFirstThousand, peak, last }));
