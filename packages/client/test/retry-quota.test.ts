// A client's retry quota is one for the client and every client withOptions derives from it (as
// invokeFunction's), so that retries across all of them stop together while the service keeps failing.
import { describe, expect, it } from "vitest";
import { createFunctionGraphClient, createRetryQuota, type RetryOptions } from "../src/index.js";
import { AKSK, createObservedClient, PROJECT } from "./helpers.js";

const NO_WAIT = { baseDelayMs: 0, throttlingBaseDelayMs: 0, random: () => 0 } as const;
const unavailable = () => Response.json({ error_code: "FSS.0503", error_msg: "busy" }, { status: 503 });

/** A client over a service that always answers 503, and the requests sent by each GET. */
function failingClient(retry: RetryOptions) {
  const { client, requests } = createObservedClient(unavailable, { retry: { ...NO_WAIT, ...retry } });
  const attemptsOf = async (on = client) => {
    const before = requests.length;
    await on.GET("/v2/{project_id}/fgs/quotas");
    return requests.length - before;
  };
  return { client, attemptsOf };
}

describe("a client's retry quota", () => {
  it("is shared with the clients withOptions derives from it", async () => {
    const { client, attemptsOf } = failingClient({ retryQuota: 10 });
    const derived = client.withOptions({ timeout: { attemptTimeoutMs: 5000 } });
    expect(await attemptsOf(derived)).toBe(3); // two retries spend all 10 tokens
    expect(await attemptsOf(client)).toBe(1);
    expect(await attemptsOf(client.withOptions({ retry: { maxAttempts: 5 } }))).toBe(1);
  });

  it("is a new one for a client derived with a retryQuota of its own", async () => {
    const { client, attemptsOf } = failingClient({ retryQuota: 10 });
    expect(await attemptsOf(client)).toBe(3);
    const own = client.withOptions({ retry: { retryQuota: 5 } });
    expect(await attemptsOf(own)).toBe(2);
    expect(await attemptsOf(own.withOptions({ retry: { maxAttempts: 3 } }))).toBe(1); // and its own derived ones share it
    expect(await attemptsOf(client.withOptions({ retry: { retryQuota: false } }))).toBe(3);
  });

  it("is 500 tokens for each client by default, and one createRetryQuota can serve several clients", async () => {
    const { attemptsOf } = failingClient({ maxAttempts: 2 });
    const attempts: number[] = [];
    for (let i = 0; i < 101; i++) attempts.push(await attemptsOf());
    expect(attempts.filter((n) => n === 2)).toHaveLength(100);

    const quota = createRetryQuota(10);
    const one = failingClient({ retryQuota: quota });
    const other = failingClient({ retryQuota: quota });
    expect(await one.attemptsOf()).toBe(3);
    expect(await other.attemptsOf()).toBe(1);
  });

  it("refuses a bad retryQuota when the client is made, naming it", () => {
    for (const retryQuota of [-1, 0.5, "10", {}])
      expect(
        () =>
          createFunctionGraphClient({
            region: "cn-north-4",
            projectId: PROJECT,
            credentials: AKSK,
            retry: { retryQuota: retryQuota as never },
          }),
        String(retryQuota),
      ).toThrow("retry.retryQuota: must be");
  });
});
