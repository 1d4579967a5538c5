import { setTimeout as wait } from "node:timers/promises";
import { FunctionGraphError } from "@fgkit/helpers";
import { describe, expect, it, vi } from "vitest";
import { type FunctionErrorResult, invokeFunction, invokeFunctionAsync } from "../src/index.js";
import { createObservedClient, URN } from "./helpers.js";

const log = "START RequestId: 42\nhello from the function\nEND RequestId: 42";
const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

describe("invokeFunction", () => {
  it("asks for the v1 envelope and the log tail, parses a JSON result and reads the request id", async () => {
    const { client, requests } = createObservedClient(() =>
      Response.json(
        { request_id: "body-id", result: '{"statusCode":200,"body":"hi"}', log, status: 200 },
        {
          headers: {
            "X-Cff-Request-Id": "header-id",
            "X-Cff-Invoke-Summary": '{"duration":12.5,"billingDuration":13,"memorySize":128,"memoryUsed":21}',
          },
        },
      ),
    );
    const run = await invokeFunction(client, URN, { name: "fgkit" });
    expect(run).toEqual({
      requestId: "header-id",
      result: { statusCode: 200, body: "hi" },
      rawResult: '{"statusCode":200,"body":"hi"}',
      log,
      status: 200,
      functionError: false,
      summary: { duration: 12.5, billingDuration: 13, memorySize: 128, memoryUsed: 21 },
    });
    const request = requests[0] as Request;
    expect(request.headers.get("x-cff-request-version")).toBe("v1");
    expect(request.headers.get("x-cff-log-type")).toBe("tail");
    expect(await request.text()).toBe('{"name":"fgkit"}');
  });

  it("keeps a non-JSON result as text and decodes a Base64 log header", async () => {
    const { client } = createObservedClient(() =>
      Response.json(
        { result: "plain text ✓", status: 200 },
        { headers: { "X-Cff-Function-Log": base64(log), "X-Is-Func-Err": "true" } },
      ),
    );
    const run = await invokeFunction(client, URN, {}, { tailLog: false });
    expect(run.result).toBe("plain text ✓");
    expect(run.log).toBe(log);
    expect(run.requestId).toBeUndefined();
    expect(run.functionError).toBe(true);
  });

  it("takes an empty answer without a Content-Length (a middleware's own Response) as no result", async () => {
    const { client } = createObservedClient();
    client.use({ onResponse: () => new Response(new ReadableStream({ start: (controller) => controller.close() })) });
    const run = await invokeFunction(client, URN, {});
    expect(run).toMatchObject({ rawResult: undefined, result: undefined, functionError: false });
  });

  it("decodes a Base64 log header as UTF-8 text", async () => {
    const text = "café ✓ 日志";
    const { client } = createObservedClient(() =>
      Response.json({ result: "ok" }, { headers: { "X-Cff-Function-Log": base64(text) } }),
    );
    expect((await invokeFunction(client, URN, {})).log).toBe(text);
  });

  it("takes an answer other than the v1 envelope (X-Cff-Response-Version: v0) for the function's own output", async () => {
    const answers: Record<string, Response> = {
      object: new Response('{"result":"x","total":3}', {
        headers: { "content-type": "application/json", "X-Cff-Response-Version": "v0", "X-Cff-Request-Id": "rid-0" },
      }),
      text: new Response("hello world", { headers: { "content-type": "text/plain", "X-Cff-Response-Version": "v0" } }),
      // The spec's 200 is application/json, whose v0 body is the function's output as it returned it.
      "text labelled JSON": new Response("hello world", {
        headers: { "content-type": "application/json", "X-Cff-Response-Version": "v0" },
      }),
      "JSON string": new Response('"just a string"', {
        headers: { "content-type": "application/json", "X-Cff-Response-Version": "v0" },
      }),
      empty: new Response("", { headers: { "X-Cff-Response-Version": "v0" } }),
    };
    const expected: Record<string, unknown> = {
      object: { result: "x", total: 3 },
      text: "hello world",
      "text labelled JSON": "hello world",
      "JSON string": "just a string",
      empty: undefined,
    };
    for (const [label, answer] of Object.entries(answers)) {
      const { client } = createObservedClient(() =>
        label === "object"
          ? new Response(answer.body, { headers: { ...Object.fromEntries(answer.headers), "X-Cff-Function-Log": base64(log) } })
          : answer,
      );
      const run = await invokeFunction(client, URN, {});
      expect(run.result, label).toEqual(expected[label]);
      expect(run.functionError).toBe(false);
      expect(run.status).toBeUndefined();
      if (label === "object") {
        expect(run.rawResult).toBe('{"result":"x","total":3}');
        expect(run.requestId).toBe("rid-0");
        expect(run.log).toBe(log);
      }
    }
  });

  it("without X-Cff-Response-Version, takes only a body shaped as the envelope for one", async () => {
    const { client } = createObservedClient(() => Response.json({ message: "hello" }));
    const bare = await invokeFunction(client, URN, {});
    expect(bare.result).toEqual({ message: "hello" });
    const { client: enveloped } = createObservedClient(() => Response.json({ request_id: "r", result: '{"a":1}', status: 200 }));
    const wrapped = await invokeFunction(enveloped, URN, {});
    expect(wrapped).toMatchObject({ result: { a: 1 }, rawResult: '{"a":1}', requestId: "r", status: 200 });
    // The envelope's result is the function's output as text: an output with a result field of
    // another type is the output itself.
    const own = { result: { a: 1 }, status: "done" };
    const { client: shaped } = createObservedClient(() => Response.json(own));
    const output = await invokeFunction(shaped, URN, {});
    expect(output).toMatchObject({ result: own, rawResult: JSON.stringify(own), status: undefined });
  });

  it("gives rawResult as text and summary as an object, or undefined, whatever the answer holds", async () => {
    const v1 = { "X-Cff-Response-Version": "v1" };
    const answers: [unknown, string | undefined, unknown][] = [
      [null, undefined, undefined], // a function that returned nothing
      [{ a: 1 }, '{"a":1}', { a: 1 }], // sent unwrapped rather than as text
      [7, "7", 7],
    ];
    for (const [sent, rawResult, result] of answers) {
      const { client } = createObservedClient(() =>
        Response.json({ request_id: "r", result: sent, status: 200 }, { headers: v1 }),
      );
      const run = await invokeFunction(client, URN, {});
      expect(run, JSON.stringify(sent)).toMatchObject({ rawResult, result, functionError: false });
    }
    // X-Cff-Invoke-Summary is documented as a JSON object: text, an array or null is no summary.
    for (const summary of ["duration: 3ms", "[1,2]", "null", "12"]) {
      const { client } = createObservedClient(() =>
        Response.json({ result: "{}", status: 200 }, { headers: { ...v1, "X-Cff-Invoke-Summary": summary } }),
      );
      expect((await invokeFunction(client, URN, {})).summary, summary).toBeUndefined();
    }
  });

  it("types result as the caller's Result only once functionError is false; otherwise as the runtime's error", async () => {
    const failure = { errorMessage: "boom", errorType: "Error", stackTrace: ["at handler (index.js:3)"] };
    const { client } = createObservedClient(() =>
      Response.json({ result: JSON.stringify(failure), status: 200 }, { headers: { "X-Func-Err-Code": "1" } }),
    );
    const run = await invokeFunction<{ greeting: string }>(client, URN, {});
    // @ts-expect-error the result may be the runtime's error: narrow on functionError first
    expect(run.result.greeting).toBeUndefined();
    if (run.functionError) {
      const reported: FunctionErrorResult | string | undefined = run.result;
      expect(reported).toEqual(failure);
    } else {
      const greeting: string = run.result.greeting;
      expect.unreachable(greeting);
    }
    expect(run.functionError).toBe(true);
  });

  it("takes X-Func-Err-Code 0 as a run that succeeded", async () => {
    const { client } = createObservedClient(() =>
      Response.json({ result: '{"greeting":"hi"}', status: 200 }, { headers: { "X-Func-Err-Code": "0" } }),
    );
    const run = await invokeFunction<{ greeting: string }>(client, URN, {});
    expect(run.functionError).toBe(false);
    expect(run.result).toEqual({ greeting: "hi" });
  });

  it("takes an empty X-Func-Err-Code as no code (a run that succeeded), as it takes none", async () => {
    const { client } = createObservedClient(() =>
      Response.json({ result: '{"greeting":"hi"}', status: 200 }, { headers: { "X-Func-Err-Code": "" } }),
    );
    const run = await invokeFunction<{ greeting: string }>(client, URN, {});
    expect(run).toMatchObject({ functionError: false, result: { greeting: "hi" } });
  });

  it("waits 930 s for the answer by default (a synchronous run may last 900 s)", async () => {
    const { client } = createObservedClient(() => Response.json({ result: "{}", status: 200 }));
    const made = vi.spyOn(client, "withOptions");
    await invokeFunction(client, URN, {});
    expect(made).toHaveBeenCalledWith({ timeout: { attemptTimeoutMs: 930_000 } });
  });

  it("throws a FunctionGraphError on an API error, without retrying the POST", async () => {
    const { client, requests } = createObservedClient(() =>
      Response.json({ error_code: "FSS.0500", error_msg: "boom" }, { status: 500, headers: { "X-Request-Id": "rid-1" } }),
    );
    const error = await invokeFunction(client, URN, {}).catch((e: unknown) => e);
    expect(FunctionGraphError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 500, code: "FSS.0500", requestId: "rid-1", attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it("keeps a few of the clients it makes per timeoutMs, not one for every value ever passed", async () => {
    const { client } = createObservedClient(() => Response.json({ result: "{}", status: 200 }));
    const made = vi.spyOn(client, "withOptions");
    // A service passing what is left of its own deadline: a new timeoutMs on every call.
    for (let timeoutMs = 1_001; timeoutMs <= 1_020; timeoutMs++) await invokeFunction(client, URN, {}, { timeoutMs });
    expect(made).toHaveBeenCalledTimes(20);
    await invokeFunction(client, URN, {}, { timeoutMs: 1_020 }); // recent: kept
    expect(made).toHaveBeenCalledTimes(20);
    await invokeFunction(client, URN, {}, { timeoutMs: 1_001 }); // long gone: made again
    expect(made).toHaveBeenCalledTimes(21);
    // One in constant use stays, however many others come and go.
    for (let timeoutMs = 2_001; timeoutMs <= 2_020; timeoutMs++) {
      await invokeFunction(client, URN, {}, { timeoutMs });
      await invokeFunction(client, URN, {}, { timeoutMs: 930_000 });
    }
    expect(made).toHaveBeenCalledTimes(21 + 20 + 1);
  });

  it("refuses an event that is not an object", async () => {
    const { client, requests } = createObservedClient();
    await expect(invokeFunction(client, URN, [] as never)).rejects.toThrow("event: must be a JSON object");
    expect(requests).toHaveLength(0);
  });
});

describe("invokeFunctionAsync", () => {
  it("returns the request id of the queued run", async () => {
    const { client, requests } = createObservedClient(() => Response.json({ request_id: "async-7" }, { status: 202 }));
    await expect(invokeFunctionAsync(client, URN, { n: 1 })).resolves.toEqual({ requestId: "async-7" });
    expect(new URL(requests[0]?.url ?? "").pathname).toMatch(/\/invocations-async$/);
  });

  it("sends instanceMemory as X-Cff-Instance-Memory, as invokeFunction does, and refuses a bad one before sending", async () => {
    const { client, requests } = createObservedClient(() => Response.json({ request_id: "async-9" }, { status: 202 }));
    await invokeFunctionAsync(client, URN, { n: 1 }, { instanceMemory: 512 });
    await invokeFunctionAsync(client, URN, { n: 1 });
    expect(requests.map((r) => r.headers.get("x-cff-instance-memory"))).toEqual(["512", null]);
    for (const instanceMemory of [0, 1.5, Number.NaN, "512"])
      await expect(invokeFunctionAsync(client, URN, {}, { instanceMemory: instanceMemory as number })).rejects.toThrow(
        "instanceMemory: must be a whole number, 1 or more",
      );
    expect(requests).toHaveLength(2);
  });

  it("refuses an answer without a request id rather than returning undefined as one", async () => {
    const { client } = createObservedClient(() => Response.json({}, { status: 202, headers: { "X-Request-Id": "rid-1" } }));
    const error = await invokeFunctionAsync(client, URN, { n: 1 }).catch((e: unknown) => e);
    expect(FunctionGraphError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 202, code: "InvalidResponseBody", requestId: "rid-1" });
    expect((error as Error).message).toBe("invokeFunctionAsync: the 202 answer has no request_id");
  });

  it("takes an event typed as an interface or a class, as it takes a plain object", async () => {
    interface OrderEvent {
      orderId: string;
      amount: number;
    }
    class Ping {
      readonly ping = 1;
    }
    const order: OrderEvent = { orderId: "o-1", amount: 2 };
    const { client, requests } = createObservedClient(() => Response.json({ request_id: "async-8" }, { status: 202 }));
    await invokeFunctionAsync(client, URN, order);
    await invokeFunction(client, URN, new Ping());
    expect(await requests[0]?.text()).toBe('{"orderId":"o-1","amount":2}');
    expect(await requests[1]?.text()).toBe('{"ping":1}');
  });

  it("waits for a run longer than the client's attempt timeout (a function may run 900 s); timeoutMs bounds it instead", async () => {
    // The run takes 300 ms; the client allows 100 ms per attempt.
    const slowRun = async (request: Request) => {
      await wait(300, undefined, { signal: request.signal });
      return Response.json({ result: "done", status: 200 });
    };
    const { client, requests } = createObservedClient(slowRun, { timeout: { attemptTimeoutMs: 100 } });
    expect((await invokeFunction(client, URN)).result).toBe("done");

    const error = await invokeFunction(client, URN, {}, { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(FunctionGraphError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 0, code: "Timeout", attempts: 1 });
    // Other calls keep the client's own timeout (and a GET its 3 attempts).
    const plain = await client.GET("/v2/{project_id}/fgs/quotas").catch((e: unknown) => e);
    expect(plain).toMatchObject({ code: "Timeout", attempts: 3 });
    expect(requests).toHaveLength(5);
    await expect(invokeFunction(client, URN, {}, { timeoutMs: Number.NaN })).rejects.toThrow(
      "timeoutMs: must be a number of milliseconds, 0 or more",
    );
    expect(requests).toHaveLength(5);
  });
});
