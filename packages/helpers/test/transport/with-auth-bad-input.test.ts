// withAuth refuses at construction what would fail (or be sent wrong) at request time.
import { describe, expect, it } from "vitest";
import { InvalidInputError, resolveCredentials, withAuth } from "../../src/index.js";
import { refused, refusedAtOnce } from "../support/refused.js";

const keys = resolveCredentials({ ak: "AK", sk: "SK" });
const ok = async () => new Response("");

describe("withAuth's arguments", () => {
  it.each([
    [{ kind: "abc" }, "auth.kind"],
    [{ kind: "token" }, "auth.getToken"],
    [{ kind: "accessKey" }, "auth.credentials"],
  ])("refuses auth %j at once, naming %s", (auth, field) => {
    refusedAtOnce(() => withAuth(ok, auth as never), field);
  });

  it.each([[{}], [Number.NaN], [""], ["a\r\nb"], [5]])("refuses projectId %j at once", (projectId) => {
    refusedAtOnce(() => withAuth(ok, keys, { projectId: projectId as never }), "projectId");
  });

  it("refuses a clockOffset that is not a function at once", () => {
    refusedAtOnce(() => withAuth(ok, keys, { clockOffset: 5 as never }), "clockOffset");
  });

  it("names clockOffset when it returns something that is not a finite number, sending nothing", async () => {
    let sent = 0;
    const send = withAuth(
      async () => {
        sent++;
        return new Response("");
      },
      keys,
      { clockOffset: () => Number.NaN },
    );
    const error = await refused(() => send(new Request("https://example.com/a")), "clockOffset");
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(sent).toBe(0);
  });
});
