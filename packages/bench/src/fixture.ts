// What every client in the bench sends and what the loopback server answers, in one place so the
// server and the checks of each response agree.
export const AK = "BENCHEXAMPLEAK000001";
export const SK = "BenchExampleSecretKey0123456789abcdefghij";
export const PROJECT_ID = "0123456789abcdef0123456789abcdef";
export const LIST_PATH = `/v2/${PROJECT_ID}/fgs/functions`;

/** One function as ListFunctions describes it (the fields a real answer carries). */
export function functionInfo(index: number) {
  const name = `bench-function-${index}`;
  return {
    func_urn: `urn:fss:cn-north-4:${PROJECT_ID}:function:default:${name}`,
    func_name: name,
    domain_id: "0123456789abcdef0123456789abcdef",
    namespace: PROJECT_ID,
    project_name: "cn-north-4",
    package: "default",
    runtime: "Node.js20.15",
    timeout: 30,
    handler: "index.handler",
    memory_size: 256,
    cpu: 300,
    code_type: "inline",
    code_size: 1024,
    digest: "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0",
    version: "latest",
    image_name: "latest-240101000000@abcd1234",
    last_modified: "2025-01-02T03:04:05+08:00",
    func_vpc_id: "",
    strategy_config: { concurrency: 400, concurrent_num: 1 },
    type: "v2",
    enterprise_project_id: "0",
  };
}

/** The fixed small ListFunctions answer of the per-call rows. */
export const SMALL_LIST = JSON.stringify({ functions: [functionInfo(0)], next_marker: 1, count: 1 });

/** Throws unless `body` is the fixed small answer (parsed): a wrong answer must fail the bench. */
export function checkSmallList(body: unknown): void {
  const list = body as { functions?: { func_name?: unknown }[]; count?: unknown } | undefined;
  if (list?.count !== 1 || list.functions?.length !== 1 || list.functions[0]?.func_name !== "bench-function-0")
    throw new Error(`wrong ListFunctions answer: ${JSON.stringify(body)?.slice(0, 200)}`);
}
