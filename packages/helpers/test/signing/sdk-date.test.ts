// X-Sdk-Date as signing writes it: the signing time, to the second, in UTC basic form.
import { describe, expect, it } from "vitest";
import { formatSdkDate } from "../../src/index.js";

describe("formatSdkDate", () => {
  it("gives every second its own text, also right after another second was formatted", () => {
    expect(formatSdkDate(new Date("2025-01-02T03:04:05.900Z"))).toBe("20250102T030405Z");
    expect(formatSdkDate(new Date("2025-01-02T03:04:06.100Z"))).toBe("20250102T030406Z");
    expect(formatSdkDate(new Date("2025-01-02T03:04:06.999Z"))).toBe("20250102T030406Z");
    expect(formatSdkDate(new Date("2025-01-02T03:04:05.000Z"))).toBe("20250102T030405Z");
  });
});
