// A 401 is taken for clock skew only when the request it refused was signed with a time far from the
// gateway's: judged by the request's own X-Sdk-Date, not by the clock the client's calls share, which
// another call's refusal may have corrected after this attempt began and before it was signed.
import { afterEach, describe, expect, it, vi } from "vitest";
import { type FetchLike, resolveCredentials, withAuth, withRetry } from "../../src/index.js";

const HOUR = 60 * 60 * 1000;

/** A gateway an hour ahead of us that refuses every request with 401 (say, an unknown AK), counting them. */
function refusingGateway() {
  const sent: Request[] = [];
  const transport: FetchLike = async (request) => {
    sent.push(request);
    return Response.json(
      { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information" },
      { status: 401, headers: { date: new Date(Date.now() + HOUR).toUTCString() } },
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
});

afterEach(() => {
  vi.useRealTimers();
});
