// Cutting secrets out of what an answer or a transport's error quotes: every spelling of each
// secret, a longer secret before a shorter one inside it, keys as well as values, and which of a
// request's headers count as secrets.
import { describe, expect, it, vi } from "vitest";
import { bodyWithoutSecrets, secretsOfHeaders, withoutSecrets, withoutSecretsIn } from "../../src/errors/without-secret.js";

const PASSWORD = `PW!secret/pass<&>"'word PW`;

describe("withoutSecrets", () => {
  it("cuts a secret spelt URL-encoded, form-encoded or HTML-escaped", () => {
    for (const spelt of [
      encodeURIComponent(PASSWORD),
      new URLSearchParams({ s: PASSWORD }).toString().slice(2),
      PASSWORD.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;"),
    ])
      expect(withoutSecrets(`refused: ${spelt}.`, [PASSWORD]), spelt).toBe("refused: [REDACTED].");
  });

  it("cuts a secret spelt in Base64 (padded or not) or base64url", () => {
    const token = "MIIYtoken~~~???12"; // its Base64 holds + and / (and padding)
    const base64 = Buffer.from(token).toString("base64");
    for (const spelt of [base64, base64.replace(/=+$/, ""), Buffer.from(token).toString("base64url")])
      expect(withoutSecrets(`echo: ${spelt}.`, [token]), spelt).toBe("echo: [REDACTED].");
    expect(withoutSecrets(`password: ${Buffer.from(PASSWORD).toString("base64")}`, [PASSWORD])).toBe("password: [REDACTED]");
  });

  it("cuts a longer secret whole even when a shorter one is part of it", () => {
    expect(withoutSecrets("token=LONGsecretVALUE123", ["secretVALUE", "LONGsecretVALUE123"])).toBe("token=[REDACTED]");
  });

  it("leaves the text alone for an empty secret", () => {
    expect(withoutSecrets("nothing secret here", [""])).toBe("nothing secret here");
  });
});

describe("withoutSecretsIn", () => {
  it("cuts a secret out of keys as well as values", () => {
    expect(withoutSecretsIn({ [`${PASSWORD}`]: [PASSWORD, 1] }, [PASSWORD])).toEqual({ "[REDACTED]": ["[REDACTED]", 1] });
  });
});

describe("secretsOfHeaders", () => {
  it("takes a signed call's signature (not its access key), and tokens of 8 characters or more", () => {
    const authorization = "SDK-HMAC-SHA256 Access=AKEXAMPLE, SignedHeaders=host;x-sdk-date, Signature=0a1b2c3d4e5f";
    expect(
      secretsOfHeaders([
        ["Authorization", authorization],
        ["X-Auth-Token", "12345678"],
        ["X-Security-Token", "1234567"],
        ["X-Request-Id", "not-a-secret-at-all"],
      ]),
    ).toEqual(["0a1b2c3d4e5f", "12345678"]);
  });
});

describe("withoutSecrets and a secret cut short", () => {
  const TOKEN = `MIIY${"aB3dE5fG7hJ9kL1mN".repeat(40)}END`;

  it("cuts the start of a long secret that an echo shortened, and its end after an ellipsis", () => {
    expect(withoutSecrets(`refused token ${TOKEN.slice(0, 200)}... (truncated)`, [TOKEN])).toBe(
      "refused token [REDACTED]... (truncated)",
    );
    expect(withoutSecrets(`token ...${TOKEN.slice(-100)} refused`, [TOKEN])).toBe("token ...[REDACTED] refused");
    expect(withoutSecrets(`a=${TOKEN.slice(0, 16)}, b=${TOKEN.slice(0, 40)}`, [TOKEN])).toBe("a=[REDACTED], b=[REDACTED]");
    // Escaped spellings too: a URL-encoded start.
    const password = `pass/word+with&chars-${"x".repeat(30)}`;
    expect(withoutSecrets(`p=${encodeURIComponent(password).slice(0, 30)}`, [password])).toBe("p=[REDACTED]");
  });

  it("leaves fewer than 16 of its characters, and text that only looks like it, alone", () => {
    expect(withoutSecrets(`prefix ${TOKEN.slice(0, 15)} here`, [TOKEN])).toBe(`prefix ${TOKEN.slice(0, 15)} here`);
    expect(withoutSecrets("MIIY is how a PKI token starts", [TOKEN])).toBe("MIIY is how a PKI token starts");
  });
});

describe("the cost of a large error answer", () => {
  const TOKEN = `MIIY${"aB3dE5fG7hJ9kL1mN".repeat(100)}`;

  it("passes over a string shorter than any spelling (and than a part) without looking for each spelling in it", () => {
    // A 1 MB JSON answer of short strings: each of its strings is cleaned again after parsing. Looking
    // for every spelling, and both ends of each, in each of them tripled the time of such an answer.
    const answer = new TextEncoder().encode(JSON.stringify({ echo: TOKEN, items: Array.from({ length: 2000 }, () => "ok") }));
    const includes = vi.spyOn(String.prototype, "includes");
    let cleaned: Uint8Array;
    let looks: number;
    try {
      cleaned = bodyWithoutSecrets(answer, [TOKEN]);
      looks = includes.mock.calls.length;
    } finally {
      includes.mockRestore();
    }
    expect(new TextDecoder().decode(cleaned)).not.toContain(TOKEN.slice(0, 16));
    expect(looks).toBeLessThan(500);
    // The same strings are cleaned when they are as long as a part of a secret.
    expect(withoutSecretsIn({ short: TOKEN.slice(0, 16), other: "x".repeat(16) }, [TOKEN])).toEqual({
      short: "[REDACTED]",
      other: "x".repeat(16),
    });
  });
});
