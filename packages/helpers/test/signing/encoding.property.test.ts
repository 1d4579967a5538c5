// Properties of the signer's percent-encoding (SIGNING.md section 3): only A-Z a-z 0-9 - . _ ~ stay
// literal, every other character is %XX (upper-case hex) over its UTF-8 bytes; decoding undoes it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidInputError, percentDecode, percentEncode } from "../../src/index.js";

const RUNS = 500;
const OUTPUT = /^(?:[A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/;
const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** Well-formed strings (no lone surrogates) over the whole of Unicode, ASCII controls and reserved characters. */
const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary-ascii", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(..."%+*!'() :/?#[]@$&,;=~-._\"<>\\^`{|}\t\r\n\0", "%41", "%zz", "%C3%A9"), maxLength: 20 }),
);

/** The reference: UTF-8 bytes of the string, each one literal when unreserved, otherwise %XX. */
function referenceEncode(value: string): string {
  let out = "";
  for (const byte of new TextEncoder().encode(value)) {
    const char = String.fromCharCode(byte);
    out += UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** The octets an encoded string stands for (literal characters are ASCII here). */
function octetsOf(encoded: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < encoded.length; ) {
    if (encoded[i] === "%") {
      out.push(Number.parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 3;
    } else out.push(encoded.charCodeAt(i++));
  }
  return out;
}

describe("percentEncode", () => {
  it("writes only unreserved characters and upper-case %XX escapes", () => {
    fc.assert(
      fc.property(anyText, (value) => {
        expect(percentEncode(value)).toMatch(OUTPUT);
      }),
      { numRuns: RUNS },
    );
  });

  it("encodes exactly the UTF-8 bytes of the value", () => {
    fc.assert(
      fc.property(anyText, (value) => {
        const encoded = percentEncode(value);
        expect(octetsOf(encoded)).toEqual([...new TextEncoder().encode(value)]);
        expect(encoded).toBe(referenceEncode(value));
      }),
      { numRuns: RUNS },
    );
  });

  it("leaves unreserved text unchanged and escapes everything else", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9\-._~]*$/), anyText, (plain, value) => {
        expect(percentEncode(plain)).toBe(plain);
        for (const char of value) if (!UNRESERVED.test(char)) expect(percentEncode(char)).toMatch(/^(%[0-9A-F]{2}){1,4}$/);
      }),
      { numRuns: RUNS },
    );
  });

  it("encodes an already encoded string once more, changing only its % signs", () => {
    fc.assert(
      fc.property(anyText, (value) => {
        const once = percentEncode(value);
        expect(percentEncode(once)).toBe(once.replaceAll("%", "%25"));
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    [" ", "%20"],
    ["+", "%2B"],
    ["*", "%2A"],
    ["!'()", "%21%27%28%29"],
    ["%", "%25"],
    [":", "%3A"],
    ["é", "%C3%A9"],
    ["一", "%E4%B8%80"],
    ["😀", "%F0%9F%98%80"],
    ["\0", "%00"],
  ])("encodes %j as %s", (value, encoded) => {
    expect(percentEncode(value)).toBe(encoded);
  });

  it("refuses a lone surrogate instead of encoding something else", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme-ascii", maxLength: 5 }),
        fc.integer({ min: 0xd800, max: 0xdfff }),
        fc.string({ unit: "grapheme-ascii", maxLength: 5 }),
        (before, surrogate, after) => {
          const encoding = () => percentEncode(`${before}${String.fromCharCode(surrogate)}${after}`);
          expect(encoding).toThrow(InvalidInputError);
          expect(encoding).toThrow("value: contains a lone UTF-16 surrogate");
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("percentDecode", () => {
  it("undoes percentEncode (round trip)", () => {
    fc.assert(
      fc.property(anyText, (value) => {
        expect(percentDecode(percentEncode(value))).toBe(value);
      }),
      { numRuns: RUNS },
    );
  });

  it("accepts lower-case hex and escapes of unreserved characters", () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (value, escapeAll) => {
        const lower = percentEncode(value).replace(/%[0-9A-F]{2}/g, (pair) => pair.toLowerCase());
        const fully = escapeAll
          ? lower.replace(/%[0-9a-f]{2}|./g, (token) => (token.length === 3 ? token : `%${token.charCodeAt(0).toString(16)}`))
          : lower;
        expect(percentDecode(fully)).toBe(value);
      }),
      { numRuns: RUNS },
    );
  });

  it("decodes only %XX escapes: literal characters around them (+ included) are kept", () => {
    const part = fc.oneof(
      anyText.map((value) => ({ wire: value.replaceAll("%", ""), decoded: value.replaceAll("%", "") })),
      anyText.map((value) => ({ wire: percentEncode(value), decoded: value })),
      fc.constantFrom({ wire: "+", decoded: "+" }, { wire: "%2B", decoded: "+" }, { wire: "%2b", decoded: "+" }),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 6 }), (parts) => {
        expect(percentDecode(parts.map((p) => p.wire).join(""))).toBe(parts.map((p) => p.decoded).join(""));
      }),
      { numRuns: RUNS },
    );
  });

  it("returns text without % unchanged", () => {
    fc.assert(
      fc.property(anyText, (value) => {
        const withoutPercent = value.replaceAll("%", "");
        expect(percentDecode(withoutPercent)).toBe(withoutPercent);
      }),
      { numRuns: RUNS },
    );
  });

  it("never throws, and decoding then encoding is stable (what the canonical URI and query rely on)", () => {
    fc.assert(
      fc.property(anyText, (value) => {
        const canonical = percentEncode(percentDecode(value));
        expect(canonical).toMatch(OUTPUT);
        expect(percentEncode(percentDecode(canonical))).toBe(canonical);
      }),
      { numRuns: RUNS },
    );
  });

  it.each([
    ["%", "%"],
    ["%zz", "%zz"],
    ["%4", "%4"],
    ["100%", "100%"],
    ["%41%zz", "A%zz"],
    ["%FF", "%FF"],
    ["a%C3", "a%C3"],
    ["%C3%A9%", "é%"],
  ])("keeps a malformed escape of %j literally: %j", (value, decoded) => {
    expect(percentDecode(value)).toBe(decoded);
  });
});
