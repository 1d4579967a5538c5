// A paginator's own errors name the list by its last page's call; that name is made only when such
// an error is thrown, not for every page (callOf builds the redacted request, some 20 µs a page).
import { afterEach, expect, it, vi } from "vitest";
import { createFunctionGraphClient, paginateListFunctions } from "../src/index.js";
import { AKSK, PROJECT } from "./helpers.js";
import { startFakeServer } from "./support/fake-list-server.js";

const labelled = vi.hoisted(() => ({ count: 0 }));
vi.mock("../src/answer-field.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../src/answer-field.js")>();
  return {
    ...original,
    callOf: (response: Response) => {
      labelled.count++;
      return original.callOf(response);
    },
  };
});

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

it("names the list only when a walk's own error is thrown, not for each page", async () => {
  let looping = false;
  const server = await startFakeServer(({ url }) => {
    const marker = Number(url.searchParams.get("marker") ?? 0);
    // Looping: the API hands back a marker it gave already.
    const next = looping && marker === 4 ? 2 : marker + 2;
    return { functions: marker < 6 ? [{ func_name: `f${marker}` }, { func_name: `g${marker}` }] : [], next_marker: next };
  });
  close = server.close;
  const client = createFunctionGraphClient({ endpoint: server.url, projectId: PROJECT, credentials: AKSK });
  expect(await paginateListFunctions({ client, pageSize: 2 }).all()).toHaveLength(6);
  expect(labelled.count).toBe(0);
  looping = true;
  await expect(paginateListFunctions({ client, pageSize: 2 }).all()).rejects.toMatchObject({
    code: "PaginationLoop",
    message: `GET /v2/${PROJECT}/fgs/functions: pagination stopped: the API returned the cursor "2" twice`,
  });
  expect(labelled.count).toBe(1);
});
