// A signature made with a temporary key, printed or serialised (what is logged to chase a signature
// mismatch), shows its security token as [REDACTED]; its fields keep the real values.
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { computeSignature } from "../../src/index.js";

const TOKEN = "temporary-security-token-0123456789";
const keys = { ak: "AKEXAMPLE", sk: "sk-example-secret", securityToken: TOKEN };

describe("a signature with a security token", () => {
  it("is printed and serialised without the token, in its headers and in the canonical request", async () => {
    const url = new URL("https://fg.example.com/v2/p/fgs/functions?marker=1");
    const signature = await computeSignature({ method: "GET", url, headers: [["Content-Type", "application/json"]] }, keys, {
      date: new Date("2025-01-02T03:04:05Z"),
    });
    expect(signature.headers["X-Security-Token"]).toBe(TOKEN);
    expect(signature.canonicalRequest).toContain(`\nx-security-token:${TOKEN}\n`);
    for (const shown of [JSON.stringify(signature), inspect(signature, { depth: 9 })]) {
      expect(shown).not.toContain(TOKEN);
      expect(shown).toContain("[REDACTED]");
      expect(shown).toContain("x-security-token:[REDACTED]");
    }
    const json = JSON.parse(JSON.stringify(signature));
    expect(json.headers["X-Security-Token"]).toBe("[REDACTED]");
    expect(json.canonicalRequest).toBe(signature.canonicalRequest.replace(TOKEN, "[REDACTED]"));
  });

  it("shows the access key id, but not a secret key given as the access key (the pair swapped)", async () => {
    const url = new URL("https://fg.example.com/v2/p/fgs/functions");
    const sign = (ak: string, sk: string) => computeSignature({ method: "GET", url, headers: [] }, { ak, sk });
    const right = await sign("HPUAEXAMPLEAK0123456", "Sk0Example7f3c9a1e5b2d4086SecretKeyValue");
    expect(JSON.stringify(right)).toContain("Access=HPUAEXAMPLEAK0123456,");
    const swapped = await sign("Sk0Example7f3c9a1e5b2d4086SecretKeyValue", "HPUAEXAMPLEAK0123456");
    expect(swapped.authorization).toContain("Access=Sk0Example7f3c9a1e5b2d4086SecretKeyValue,"); // sent as given
    for (const shown of [JSON.stringify(swapped), inspect(swapped, { depth: 9 })]) {
      expect(shown).not.toContain("Sk0Example");
      expect(shown).toContain("Access=[REDACTED],");
    }
    // A CSV line "AK,SK" given as ak: the part after its comma is hidden too, not left in print.
    const line = await sign("HPUAEXAMPLEAK0123456,Sk0Example7f3c9a1e5b2d4086SecretKeyValue", "HPUAEXAMPLEAK0123456");
    for (const shown of [JSON.stringify(line), inspect(line, { depth: 9 })]) {
      expect(shown).not.toContain("Sk0Example");
      expect(shown).toContain("Access=[REDACTED], SignedHeaders=");
    }
  });
});
