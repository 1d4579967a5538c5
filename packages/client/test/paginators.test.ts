import { FunctionGraphError } from "@fgkit/helpers";
import { afterEach, describe, expect, it } from "vitest";
import {
  createFunctionGraphClient,
  paginateListAsyncInvocations,
  paginateListFunctionAsyncInvokeConfig,
  paginateListFunctionReservedInstances,
  paginateListFunctions,
  paginateListFunctionTemplate,
  paginateListWorkflow,
  paginateListWorkflowExecutions,
  paginateResourceInstances,
  paginateShowWorkflowExecutionForPage,
} from "../src/index.js";
import { AKSK, PROJECT, URN } from "./helpers.js";
import { type FakeRequest, startFakeServer } from "./support/fake-list-server.js";

const TOTAL = 23;
const names = Array.from({ length: TOTAL }, (_, i) => `fn-${String(i).padStart(2, "0")}`);
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function serve(answer: (request: FakeRequest) => unknown) {
  const server = await startFakeServer(answer);
  close = server.close;
  const client = createFunctionGraphClient({ endpoint: server.url, projectId: PROJECT, credentials: AKSK });
  return { client, requests: server.requests };
}

/** A window of the 23 names, as the API slices them: from `start`, `size` long. */
const slice = (start: number, size: number) => names.slice(start, start + size);

describe("marker + maxitems (ListFunctions)", () => {
  const answer = ({ url }: FakeRequest) => {
    const marker = Number(url.searchParams.get("marker") ?? 0);
    const size = Number(url.searchParams.get("maxitems") ?? 400);
    const page = slice(marker, size);
    return {
      functions: page.map((func_name) => ({ func_name, func_urn: `${URN}-${func_name}` })),
      next_marker: marker + page.length,
      count: TOTAL,
    };
  };

  it("returns every item exactly once, in order, over several pages", async () => {
    const { client, requests } = await serve(answer);
    const items = await paginateListFunctions({ client, pageSize: 5 }).all();
    expect(items.map((f) => f.func_name)).toEqual(names);
    expect(requests.map((r) => r.url.search)).toEqual([
      "?maxitems=5",
      "?marker=5&maxitems=5",
      "?marker=10&maxitems=5",
      "?marker=15&maxitems=5",
      "?marker=20&maxitems=5",
    ]);
  });

  it("yields pages, and stops fetching when the loop breaks", async () => {
    const { client, requests } = await serve(answer);
    const pages = [];
    for await (const page of paginateListFunctions({ client, pageSize: 10 })) {
      pages.push(page);
      if (pages.length === 2) break;
    }
    expect(pages.map((p) => p.functions?.length)).toEqual([10, 10]);
    expect(requests).toHaveLength(2);
  });

  it("stops after the first item when `items()` is broken out of", async () => {
    const { client, requests } = await serve(answer);
    for await (const fn of paginateListFunctions({ client, pageSize: 4 }).items()) {
      expect(fn.func_name).toBe("fn-00");
      break;
    }
    expect(requests).toHaveLength(1);
  });

  it("throws instead of spinning when the API repeats a cursor", async () => {
    const { client, requests } = await serve(() => ({ functions: [{ func_name: "loop" }], next_marker: 7, count: 1000 }));
    const walk = paginateListFunctions({ client }).all();
    await expect(walk).rejects.toSatisfy((e) => FunctionGraphError.isInstance(e) && e.code === "PaginationLoop");
    expect(requests).toHaveLength(2);
  });

  it("gives every item again when the same paginator is walked a second time (each walk counts afresh)", async () => {
    const { client } = await serve(answer);
    const paginator = paginateListFunctions({ client, pageSize: 5 });
    expect((await paginator.all()).map((f) => f.func_name)).toEqual(names);
    const again: string[] = [];
    for await (const fn of paginator.items()) {
      again.push(fn.func_name);
      if (again.length === 7) break;
    }
    expect(again).toEqual(names.slice(0, 7));
    expect((await paginator.all()).map((f) => f.func_name)).toEqual(names);
  });

  it("refuses a next_marker of 0 (the first page again) before fetching and yielding that page twice", async () => {
    // Function templates report no count: only the marker says where the list goes.
    const { client, requests } = await serve(({ url }) => {
      const marker = Number(url.searchParams.get("marker") ?? 0);
      const templates = slice(marker, 5).map((template_name) => ({ template_name }));
      return { func_templates: templates, next_marker: marker + 5 >= 10 ? 0 : marker + 5 };
    });
    const seen: string[] = [];
    const walk = (async () => {
      for await (const template of paginateListFunctionTemplate({ client, pageSize: 5 }).items())
        seen.push(String(template.template_name));
    })();
    // The error names the list, so a program walking several can tell which one stopped.
    await expect(walk).rejects.toSatisfy(
      (e) =>
        FunctionGraphError.isInstance(e) &&
        e.code === "PaginationLoop" &&
        /^GET \/v2\/[^/]+\/fgs\/templates: pagination stopped: the API returned the cursor "0" twice$/.test(e.message),
    );
    expect(seen).toEqual(names.slice(0, 10));
    expect(requests).toHaveLength(2);
  });

  it("stops with PaginationLoop when the API ignores the marker but moves next_marker on (no count to end it)", async () => {
    const { client, requests } = await serve(({ url }) => {
      const marker = Number(url.searchParams.get("marker") ?? 0);
      return { func_templates: slice(0, 2).map((template_name) => ({ template_name })), next_marker: marker + 2 };
    });
    const seen: string[] = [];
    const walk = (async () => {
      for await (const template of paginateListFunctionTemplate({ client, pageSize: 2 }).items())
        seen.push(String(template.template_name));
    })();
    await expect(walk).rejects.toSatisfy(
      (e) => FunctionGraphError.isInstance(e) && e.code === "PaginationLoop" && e.message.includes("the same page again"),
    );
    expect(seen).toEqual(names.slice(0, 2)); // handed out once
    expect(requests).toHaveLength(3);
  });

  it("skips a page that repeats the one before when the list moved down by exactly a page", async () => {
    let pushed = 0;
    const { client } = await serve(({ url }) => {
      const marker = Number(url.searchParams.get("marker") ?? 0);
      if (marker === 5 && pushed === 0) pushed = 5; // five new functions arrive before the second page
      const list = [...Array.from({ length: pushed }, (_, i) => `new-${i}`), ...names];
      const page = list.slice(marker, marker + 5);
      return { functions: page.map((func_name) => ({ func_name })), next_marker: marker + page.length, count: list.length };
    });
    const items = await paginateListFunctions({ client, pageSize: 5 }).all();
    expect(items.map((f) => f.func_name)).toEqual(names);
  });

  it("does not go back to the list's start when a resumed walk is given next_marker 0", async () => {
    const { client, requests } = await serve(({ url }) => {
      const marker = Number(url.searchParams.get("marker") ?? 0);
      const page = slice(marker, 10);
      return {
        functions: page.map((func_name) => ({ func_name })),
        next_marker: marker + 10 >= TOTAL ? 0 : marker + 10,
        count: TOTAL,
      };
    });
    const seen: string[] = [];
    const walk = (async () => {
      for await (const fn of paginateListFunctions({ client, pageSize: 10, startingToken: 10 }).items()) seen.push(fn.func_name);
    })();
    await expect(walk).rejects.toSatisfy(
      (e) => FunctionGraphError.isInstance(e) && e.code === "PaginationLoop" && e.message.includes('"0"'),
    );
    expect(seen).toEqual(names.slice(10)); // nothing from before the resume point
    expect(requests.map((r) => r.url.searchParams.get("marker"))).toEqual(["10", "20"]);
  });

  it("refuses a page size above the list's documented largest, before any request", async () => {
    const { client, requests } = await serve(answer);
    expect(() => paginateListFunctions({ client, pageSize: 401 })).toThrow(
      "pageSize: must be at most 400, the largest page this list serves",
    );
    expect(() => paginateListAsyncInvocations({ client, pageSize: 501 }, URN)).toThrow("pageSize: must be at most 500");
    expect(requests).toHaveLength(0);
    await paginateListFunctions({ client, pageSize: 400 }).all();
    expect(requests.map((r) => r.url.searchParams.get("maxitems"))).toEqual(["400"]);
  });

  it("reads a count the API sends as digits, and ends on an unreadable one as the answer's fault", async () => {
    const counted = await serve(({ url }) => {
      const marker = Number(url.searchParams.get("marker") ?? 0);
      const page = slice(marker, 10);
      return { functions: page.map((func_name) => ({ func_name })), next_marker: marker + page.length, count: String(TOTAL) };
    });
    expect(await paginateListFunctions({ client: counted.client, pageSize: 10 }).all()).toHaveLength(TOTAL);
    expect(counted.requests).toHaveLength(3);
    const odd = await serve(() => ({ functions: [{ func_name: "a" }], next_marker: { at: 1 }, count: 5 }));
    await expect(paginateListFunctions({ client: odd.client }).all()).rejects.toMatchObject({
      name: "FunctionGraphError",
      code: "InvalidResponseBody",
      message: "pagination stopped: the API answered a next_marker that cannot be read as one",
    });
  });

  it("ends an abort between pages with FunctionGraphError Aborted, as an abort during a call does", async () => {
    const { client, requests } = await serve(answer);
    const controller = new AbortController();
    const walk = (async () => {
      for await (const fn of paginateListFunctions({ client, pageSize: 5, signal: controller.signal }).items())
        if (fn.func_name === "fn-04") controller.abort(new Error("enough"));
    })();
    await expect(walk).rejects.toSatisfy((e) => FunctionGraphError.isInstance(e) && e.code === "Aborted");
    expect(requests).toHaveLength(1);
  });

  it("resumes from a starting token", async () => {
    const { client } = await serve(answer);
    const items = await paginateListFunctions({ client, pageSize: 10, startingToken: 20 }).all();
    expect(items.map((f) => f.func_name)).toEqual(["fn-20", "fn-21", "fn-22"]);
  });

  it("turns an error answer into a FunctionGraphError", async () => {
    const failing = createFunctionGraphClient({
      endpoint: "http://127.0.0.1:9",
      projectId: PROJECT,
      credentials: AKSK,
      retry: { maxAttempts: 1 },
      fetch: async () => Response.json({ error_code: "FSS.0401", error_msg: "bad token" }, { status: 401 }),
    });
    await expect(paginateListFunctions({ client: failing }).all()).rejects.toMatchObject({ status: 401, code: "FSS.0401" });
  });
});

describe("marker + limit (ListAsyncInvocations)", () => {
  it("walks every page with `limit` as the page size", async () => {
    const { client, requests } = await serve(({ url }) => {
      const marker = Number(url.searchParams.get("marker") ?? 0);
      const page = slice(marker, Number(url.searchParams.get("limit")));
      return { invocations: page.map((request_id) => ({ request_id })), next_marker: marker + page.length, count: TOTAL };
    });
    const items = await paginateListAsyncInvocations({ client, pageSize: 10 }, URN, { status: "SUCCESS" }).all();
    expect(items.map((i) => i.request_id)).toEqual(names);
    expect(requests.map((r) => r.url.searchParams.get("limit"))).toEqual(["10", "10", "10"]);
    expect(requests.every((r) => r.url.searchParams.get("status") === "SUCCESS")).toBe(true);
  });
});

describe("page_info.next_marker (ListFunctionReservedInstances)", () => {
  it("follows page_info and stops at the count", async () => {
    const { client, requests } = await serve(({ url }) => {
      const marker = Number(url.searchParams.get("marker") ?? 0);
      const page = slice(marker, Number(url.searchParams.get("limit")));
      return {
        reservedinstances: page.map((func_urn, i) => ({ func_urn, min_count: i })),
        page_info: { next_marker: marker + page.length, previous_marker: marker, current_count: page.length },
        count: TOTAL,
      };
    });
    const items = await paginateListFunctionReservedInstances({ client, pageSize: 8 }).all();
    expect(items.map((i) => i.func_urn)).toEqual(names);
    expect(requests).toHaveLength(3);
  });
});

describe("a page that only begins as the one before did", () => {
  it("is handed out: only a page that begins and ends the same is taken for a repeat", async () => {
    const { client } = await serve(({ url }) => {
      const marker = url.searchParams.get("marker");
      if (marker === null) return { functions: [{ func_name: "fn-00" }, { func_name: "fn-01" }], next_marker: 2 };
      if (marker === "2") return { functions: [{ func_name: "fn-00" }, { func_name: "fn-05" }], next_marker: 4 };
      return { functions: [] };
    });
    const items = await paginateListFunctions({ client }).all();
    expect(items.map((f) => f.func_name)).toEqual(["fn-00", "fn-01", "fn-00", "fn-05"]);
  });
});

describe("a paginator's config", () => {
  it("refuses a key it does not take (a misspelt pageSize would be dropped without a word)", () => {
    const client = createFunctionGraphClient({ endpoint: "https://fg.example.com", projectId: PROJECT, credentials: AKSK });
    expect(() => paginateListFunctions({ client, pagesize: 10 } as never)).toThrow("pagesize");
    expect(() => paginateListWorkflow({ client, startToken: 5 } as never)).toThrow("startToken");
  });
});

describe("page_info.next_marker (ListFunctionAsyncInvokeConfig)", () => {
  it("follows page_info, whose marker is the only one the answer carries", async () => {
    const { client, requests } = await serve(({ url }) => {
      const marker = Number(url.searchParams.get("marker") ?? 0);
      const page = slice(marker, Number(url.searchParams.get("limit")));
      return {
        async_invoke_configs: page.map((func_urn) => ({ func_urn })),
        page_info: { next_marker: marker + page.length, previous_marker: marker, current_count: page.length },
        count: TOTAL,
      };
    });
    const items = await paginateListFunctionAsyncInvokeConfig({ client, pageSize: 10 }, URN).all();
    expect(items.map((i) => i.func_urn)).toEqual(names);
    expect(requests).toHaveLength(3);
  });
});

describe("offset/limit with total (ListWorkflow)", () => {
  it("goes on past a page shorter than asked for while the total says there is more", async () => {
    const { client, requests } = await serve(({ url }) => {
      const offset = Number(url.searchParams.get("offset"));
      const page = slice(offset, Math.min(4, Number(url.searchParams.get("limit")))); // the API serves 4 at most
      return { workflows: page.map((name) => ({ name })), total: TOTAL, size: page.length };
    });
    const items = await paginateListWorkflow({ client, pageSize: 6 }).all();
    expect(items.map((w) => w.name)).toEqual(names);
    expect(requests.map((r) => r.url.searchParams.get("offset"))).toEqual(["0", "4", "8", "12", "16", "20"]);
  });

  it("advances the offset by what each page held", async () => {
    const { client, requests } = await serve(({ url }) => {
      const offset = Number(url.searchParams.get("offset"));
      const page = slice(offset, Number(url.searchParams.get("limit")));
      return { workflows: page.map((name) => ({ name })), total: TOTAL, size: page.length };
    });
    const items = await paginateListWorkflow({ client, pageSize: 6 }).all();
    expect(items.map((w) => w.name)).toEqual(names);
    expect(requests.map((r) => r.url.searchParams.get("offset"))).toEqual(["0", "6", "12", "18"]);
  });
});

describe("offset/limit without total (ListWorkflowExecutions)", () => {
  it("ends on the first short page", async () => {
    const { client, requests } = await serve(({ url }) => {
      const page = slice(Number(url.searchParams.get("offset")), Number(url.searchParams.get("limit")));
      return { executions: page.map((execution_id) => ({ execution_id })) };
    });
    const items = await paginateListWorkflowExecutions({ client, pageSize: 10 }, "wf-1").all();
    expect(items.map((e) => e.execution_id)).toEqual(names);
    expect(requests).toHaveLength(3);
  });

  it("stops with PaginationLoop when the API answers every offset with the first page (never ending otherwise)", async () => {
    const { client, requests } = await serve(({ url }) => ({
      executions: slice(0, Number(url.searchParams.get("limit") ?? 200)).map((execution_id) => ({ execution_id })),
    }));
    const seen: string[] = [];
    const walk = (async () => {
      for await (const execution of paginateListWorkflowExecutions({ client, pageSize: 5 }, "wf-1").items())
        seen.push(String(execution.execution_id));
    })();
    await expect(walk).rejects.toSatisfy(
      (e) =>
        FunctionGraphError.isInstance(e) &&
        e.code === "PaginationLoop" &&
        /^GET \/v2\/[^/]+\/fgs\/workflows\/wf-1\/executions: pagination stopped: the API answered with the same page again$/.test(
          e.message,
        ),
    );
    expect(seen).toEqual(names.slice(0, 5));
    expect(requests).toHaveLength(3);
  });

  it("skips a page that repeats the one before (new executions pushed the list down by exactly a page)", async () => {
    let pushed = 0;
    const { client } = await serve(({ url }) => {
      const offset = Number(url.searchParams.get("offset"));
      if (offset === 5 && pushed === 0) pushed = 5; // five new executions arrive before the second page
      const list = [...Array.from({ length: pushed }, (_, i) => `new-${i}`), ...names];
      return { executions: list.slice(offset, offset + 5).map((execution_id) => ({ execution_id })) };
    });
    const items = await paginateListWorkflowExecutions({ client, pageSize: 5 }, "wf-1").all();
    expect(items.map((e) => e.execution_id)).toEqual(names); // each once: the repeated page was not handed out
  });

  it("refuses a text starting token that is not the digits of an offset", async () => {
    const { client, requests } = await serve(() => ({ executions: [] }));
    for (const startingToken of ["", " 1e1", "0x10", "-1", "1.5"])
      expect(() => paginateListWorkflowExecutions({ client, startingToken }, "wf-1"), startingToken).toThrow(
        "startingToken: must be an offset, a whole number 0 or more",
      );
    expect(requests).toHaveLength(0);
    await paginateListWorkflowExecutions({ client, startingToken: "10" }, "wf-1").all();
    expect(requests.map((r) => r.url.searchParams.get("offset"))).toEqual(["10"]);
  });

  it("refuses a page size above the API's 200 (its pages would look short and end the walk), before any request", async () => {
    const { client, requests } = await serve(() => ({ executions: [] }));
    expect(() => paginateListWorkflowExecutions({ client, pageSize: 500 }, "wf-1")).toThrow(
      "pageSize: must be at most 200, the largest page this list serves",
    );
    expect(() => paginateShowWorkflowExecutionForPage({ client, pageSize: 101 }, "wf-1")).toThrow(
      "pageSize: must be at most 100",
    );
    await paginateListWorkflowExecutions({ client, pageSize: 200 }, "wf-1").all();
    expect(requests).toHaveLength(1);
  });
});

describe("offset/limit as strings in the body (resource-instances)", () => {
  it("sends string offsets in the body and stops at total_count", async () => {
    const { client, requests } = await serve(({ body }) => {
      const offset = Number(body?.offset);
      const page = slice(offset, Number(body?.limit));
      return { resources: page.map((resource_name) => ({ resource_id: resource_name, resource_name })), total_count: TOTAL };
    });
    const items = await paginateResourceInstances(
      { client, pageSize: 10 },
      { matches: [{ key: "resource_name", value: "fn" }] },
    ).all();
    expect(items.map((r) => r.resource_name)).toEqual(names);
    expect(
      requests.map((r) => [r.url.pathname.endsWith("/functions/resource-instances/filter"), r.body?.offset, r.body?.limit]),
    ).toEqual([
      [true, "0", "10"],
      [true, "10", "10"],
      [true, "20", "10"],
    ]);
  });
});
