// A 401 is taken for clock skew only when the request it refused was signed with a time far from the
// gateway's: judged by the request's own X-Sdk-Date, not by the clock the client's calls share, which
// another call's refusal may have corrected after this attempt began and before it was signed.
import { afterEach, describe, expect, it, vi } from "vitest";
import { type FetchLike, resolveCredentials, withAuth, withRetry } from "../../src/index.js";

const HOUR = 60 * 60 * 1000;

/** A gateway an hour ahead of us that refuses every request with 401 (say, an unknown AK), counting them. */
function refusingGateway(aheadMs = HOUR) {
  const sent: Request[] = [];
  const transport: FetchLike = async (request) => {
    sent.push(request);
    return Response.json(
      { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information" },
      { status: 401, headers: { date: new Date(Date.now() + aheadMs).toUTCString() } },
    );
  };
  return { sent, transport };
}

describe("a 401 from a gateway whose clock is far from ours", () => {
  it("is not taken for skew when the request was signed with the gateway's time already", async () => {
    const { sent, transport } = refusingGateway();
    // Signed with a corrected clock (as after a concurrent call's fix), while the shared clock read 0 when the attempt began.
    const auth = withAuth(transport, resolveCredentials({ ak: "AK", sk: "SK" }), { clockOffset: () => HOUR });
    const response = await withRetry(auth, { clock: { offsetMs: 0 } })(new Request("https://fg.example.com/v2/p/fgs/functions"));
    expect(response.status).toBe(401);
    expect(sent).toHaveLength(1);
  });

  it("is taken for skew, once, when the request was signed with our own time", async () => {
    const { sent, transport } = refusingGateway();
    const clock = { offsetMs: 0 };
    const auth = withAuth(transport, resolveCredentials({ ak: "AK", sk: "SK" }), { clockOffset: () => clock.offsetMs });
    const response = await withRetry(auth, { clock })(new Request("https://fg.example.com/v2/p/fgs/functions"));
    expect(response.status).toBe(401);
    expect(sent).toHaveLength(2);
    expect(Math.abs(clock.offsetMs - HOUR)).toBeLessThan(5000);
  });

  it("is not taken for skew for a token, which carries no signing time", async () => {
    const { sent, transport } = refusingGateway();
    const auth = withAuth(transport, resolveCredentials({ token: "a-token-of-sorts" }));
    const response = await withRetry(auth, { clock: { offsetMs: 0 } })(new Request("https://fg.example.com/v2/p/fgs/functions"));
    expect(response.status).toBe(401);
    expect(sent).toHaveLength(1);
  });

  it("is not taken for skew when the answer was slow (the clocks agree, the answer came minutes after signing)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    const sent: Request[] = [];
    const transport: FetchLike = async (request) => {
      sent.push(request);
      vi.setSystemTime(Date.now() + 6 * 60 * 1000);
      return Response.json({ error_code: "APIGW.0301" }, { status: 403, headers: { date: new Date().toUTCString() } });
    };
    const auth = withAuth(transport, resolveCredentials({ ak: "AK", sk: "SK" }));
    const response = await withRetry(auth, { clock: { offsetMs: 0 } })(new Request("https://fg.example.com/v2/p/fgs/functions"));
    expect(response.status).toBe(403);
    expect(sent).toHaveLength(1);
  });
  it("is fixed once only, even when the gateway's Date stays an hour from whatever the request was signed with", async () => {
    const sent: Request[] = [];
    const transport: FetchLike = async (request) => {
      sent.push(request);
      if (sent.length > 5) throw new Error("sent again and again");
      const signed = (request.headers.get("x-sdk-date") ?? "").replace(
        /^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/,
        "$1-$2-$3T$4:$5:$6Z",
      );
      const date = new Date(Date.parse(signed) + HOUR).toUTCString();
      return Response.json({ error_code: "APIGW.0301" }, { status: 401, headers: { date } });
    };
    const clock = { offsetMs: 0 };
    const auth = withAuth(transport, resolveCredentials({ ak: "AK", sk: "SK" }), { clockOffset: () => clock.offsetMs });
    const response = await withRetry(auth, { clock })(new Request("https://fg.example.com/v2/p/fgs/functions"));
    expect(response.status).toBe(401);
    expect(sent).toHaveLength(2);
  });
  it("is taken for skew at 10 minutes (over 5 minutes off), and not at 4", async () => {
    for (const [aheadMs, sends] of [
      [10 * 60 * 1000, 2],
      [4 * 60 * 1000, 1],
    ] as const) {
      const { sent, transport } = refusingGateway(aheadMs);
      const clock = { offsetMs: 0 };
      const auth = withAuth(transport, resolveCredentials({ ak: "AK", sk: "SK" }), { clockOffset: () => clock.offsetMs });
      await withRetry(auth, { clock })(new Request("https://fg.example.com/v2/p/fgs/functions"));
      expect(sent).toHaveLength(sends);
    }
  });
});

afterEach(() => {
  vi.useRealTimers();
});
