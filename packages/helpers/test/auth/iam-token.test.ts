import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { FunctionGraphError, fetchIamToken } from "../../src/index.js";

const base = { username: "alice", password: "Pa55word!", domainName: "acme", projectId: "0123456789abcdef0123456789abcdef" };

describe("fetchIamToken", () => {
  it("posts password auth scoped to the project and returns X-Subject-Token with expires_at", async () => {
    const seen: Request[] = [];
    const token = await fetchIamToken({
      ...base,
      region: "cn-north-4",
      fetch: async (request) => {
        seen.push(request.clone());
        return Response.json(
          { token: { expires_at: "2026-11-25T18:00:00.000000Z" } },
          { status: 201, headers: { "X-Subject-Token": "MIIT-token" } },
        );
      },
    });
    expect(token).toEqual({ token: "MIIT-token", expiresAt: new Date("2026-11-25T18:00:00.000Z") });
    // Printed or logged, the token is redacted; read, it is whole.
    expect(`${JSON.stringify(token)} ${inspect(token, { showHidden: true, depth: 9 })}`).not.toContain("MIIT-token");
    expect(JSON.stringify(token)).toBe('{"token":"[REDACTED]","expiresAt":"2026-11-25T18:00:00.000Z"}');
    expect(seen[0]?.url).toBe("https://iam.cn-north-4.myhuaweicloud.com/v3/auth/tokens");
    expect(await seen[0]?.json()).toEqual({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: "alice", password: "Pa55word!", domain: { name: "acme" } } },
        },
        scope: { project: { id: base.projectId } },
      },
    });
  });

  it("reads expires_at in UTC, with or without a zone, whatever this host's time zone", async () => {
    const zone = process.env.TZ;
    process.env.TZ = "Asia/Shanghai"; // UTC+8, where many Huawei Cloud hosts run
    try {
      const expiryOf = async (expires_at: string) =>
        (
          await fetchIamToken({
            ...base,
            region: "cn-north-4",
            fetch: async () =>
              Response.json({ token: { expires_at } }, { status: 201, headers: { "X-Subject-Token": "MIIT-token" } }),
          })
        ).expiresAt.toISOString();
      expect(await expiryOf("2026-11-25T18:00:00.123456Z")).toBe("2026-11-25T18:00:00.123Z");
      expect(await expiryOf("2026-11-25T18:00:00+08:00")).toBe("2026-11-25T10:00:00.000Z");
      expect(await expiryOf("2026-11-25T18:00:00.000000")).toBe("2026-11-25T18:00:00.000Z");
      expect(await expiryOf("2026-11-25 18:00:00")).toBe("2026-11-25T18:00:00.000Z");
      // RFC 3339 allows a lower-case t and z; a zone without its colon; no seconds.
      expect(await expiryOf("2026-11-25t18:00:00")).toBe("2026-11-25T18:00:00.000Z");
      expect(await expiryOf("2026-11-25t18:00:00z")).toBe("2026-11-25T18:00:00.000Z");
      expect(await expiryOf("2026-11-25T18:00:00+0800")).toBe("2026-11-25T10:00:00.000Z");
      expect(await expiryOf("2026-11-25T18:00")).toBe("2026-11-25T18:00:00.000Z");
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("turns an IAM refusal into a FunctionGraphError that never shows the password", async () => {
    const error = await fetchIamToken({
      ...base,
      iamEndpoint: "http://127.0.0.1:1",
      fetch: async () =>
        Response.json({ error: { code: "401", message: "The username or password is wrong." } }, { status: 401 }),
    }).catch((e: unknown) => e);
    expect(FunctionGraphError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      status: 401,
      code: "401",
      message: expect.stringContaining("The username or password is wrong."),
    });
    expect(JSON.stringify(error)).not.toContain("Pa55word!");
    expect(String((error as Error).stack)).not.toContain("Pa55word!");
  });

  it("gives up on an IAM that never answers after timeoutMs: code Timeout, the request's signal aborted, no password shown", async () => {
    const seen: Request[] = [];
    const started = performance.now();
    const error = await fetchIamToken({
      ...base,
      region: "cn-north-4",
      timeoutMs: 60,
      // A custom fetch that ignores the signal: the timeout must hold anyway.
      fetch: (request) => {
        seen.push(request);
        return new Promise<Response>(() => {});
      },
    }).catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(FunctionGraphError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ status: 0, code: "Timeout", message: "POST /v3/auth/tokens: no answer from IAM within 60 ms" });
    expect(seen[0]?.signal.aborted).toBe(true);
    expect(JSON.stringify(error)).not.toContain("Pa55word!");
  });

  it("bounds a body that stalls after the headers too", async () => {
    const stalled = new ReadableStream<Uint8Array>({
      start: (controller) => controller.enqueue(new TextEncoder().encode('{"tok')),
    });
    const error = await fetchIamToken({
      ...base,
      region: "cn-north-4",
      timeoutMs: 60,
      fetch: async () => new Response(stalled, { status: 201, headers: { "X-Subject-Token": "MIIT-token" } }),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: "Timeout" });
  });

  it("says why IAM gave no answer (a misspelt region's host not found), without the password", async () => {
    const lookup = Object.assign(new Error("getaddrinfo ENOTFOUND iam.cn-nrth-4.myhuaweicloud.com"), { code: "ENOTFOUND" });
    const error = await fetchIamToken({
      ...base,
      region: "cn-nrth-4",
      fetch: async () => {
        throw new TypeError("fetch failed", { cause: lookup });
      },
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 0,
      code: "NetworkError",
      message: "POST /v3/auth/tokens: no response from IAM (ENOTFOUND: getaddrinfo ENOTFOUND iam.cn-nrth-4.myhuaweicloud.com)",
    });
    // A transport that quotes the request body has it cut out of the reason.
    const quoting = await fetchIamToken({
      ...base,
      region: "cn-north-4",
      fetch: async () => {
        throw new TypeError(`refused {"password":"${base.password}"}`);
      },
    }).catch((e: unknown) => e);
    expect((quoting as Error).message).toMatch(/^POST \/v3\/auth\/tokens: no response from IAM \(refused /);
    expect(JSON.stringify(quoting)).not.toContain(base.password);
  });

  it("stops when the caller's signal aborts: code Aborted", async () => {
    const controller = new AbortController();
    const pending = fetchIamToken({
      ...base,
      region: "cn-north-4",
      signal: controller.signal,
      fetch: () => new Promise(() => {}),
    });
    controller.abort(new Error("shutting down"));
    await expect(pending).rejects.toMatchObject({
      status: 0,
      code: "Aborted",
      message: "POST /v3/auth/tokens: aborted by the caller",
    });
  });

  it("refuses bad input before sending anything", async () => {
    const fetch = async () => {
      throw new Error("must not be called");
    };
    await expect(fetchIamToken({ ...base, region: "nowhere", fetch })).rejects.toThrow(/^region:/);
    await expect(fetchIamToken({ ...base, region: "cn-north-4", password: "", fetch })).rejects.toThrow(/^password:/);
    await expect(fetchIamToken({ ...base, region: "cn-north-4", projectName: "cn-north-4", fetch })).rejects.toThrow(
      /^projectId: give exactly one/,
    );
    await expect(fetchIamToken({ ...base, iamEndpoint: "http://iam.example.com", fetch })).rejects.toThrow(
      /^iamEndpoint: plain http:/,
    );
    await expect(fetchIamToken({ ...base, region: "cn-north-4", timeoutMs: -5, fetch })).rejects.toThrow(
      "timeoutMs: must be a number of milliseconds, 0 or more",
    );
  });
});
