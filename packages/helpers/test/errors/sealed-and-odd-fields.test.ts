// What the package exports for reading stays as it is, and its own checks hold up to odd arguments.
import { describe, expect, it } from "vitest";
import { checkWholeNumber, IDEMPOTENT_METHODS, InvalidInputError } from "../../src/index.js";

describe("IDEMPOTENT_METHODS", () => {
  it("cannot be changed from elsewhere in the program (a POST added would make every client retry POSTs)", () => {
    const methods = IDEMPOTENT_METHODS as Set<string>;
    expect(() => methods.add("POST")).toThrow(TypeError);
    expect(() => methods.delete("GET")).toThrow(TypeError);
    expect(() => methods.clear()).toThrow(TypeError);
    expect(() => Object.assign(methods, { has: () => true })).toThrow(TypeError);
    expect([...IDEMPOTENT_METHODS]).toEqual(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);
    expect(IDEMPOTENT_METHODS.has("POST")).toBe(false);
  });
});

describe("the checks' own arguments", () => {
  it("InvalidInputError takes a Symbol field without a TypeError of its own", () => {
    const error = new InvalidInputError(Symbol("odd") as never, "is odd");
    expect(error.message).toBe("Symbol(odd): is odd");
    expect(error.field).toBe("Symbol(odd)");
  });

  it("checkWholeNumber refuses a NaN minimum rather than let every number through", () => {
    expect(() => checkWholeNumber("n", -5, 1, Number.NaN)).toThrow("min: must be a finite number");
  });
});
