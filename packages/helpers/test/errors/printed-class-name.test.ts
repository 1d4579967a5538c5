// The published builds are bundles, and a bundler renames a class that refers to itself (esbuild
// emits `var FunctionGraphError = class _FunctionGraphError`). Node prints an error by its class's
// name, so `console.log(error)` and an uncaught error showed `_FunctionGraphError: ...`, a name no
// one can import or search for. Each build's error classes keep their own names.
import { createRequire } from "node:module";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";

type Helpers = typeof import("../../src/index.js");

const require = createRequire(import.meta.url);
const BUILDS: Record<string, () => Promise<Helpers>> = {
  "Node ESM": () => import("../../dist/index.node.js" as string),
  "Web ESM": () => import("../../dist/index.js" as string),
  "Node CommonJS": async () => require("../../dist/index.node.cjs"),
  "Web CommonJS": async () => require("../../dist/index.cjs"),
};

describe.each(Object.keys(BUILDS))("the %s build", (build) => {
  it("prints FunctionGraphError and InvalidInputError by their own names", async () => {
    const { FunctionGraphError, InvalidInputError } = await (BUILDS[build] as () => Promise<Helpers>)();
    expect(FunctionGraphError.name).toBe("FunctionGraphError");
    expect(InvalidInputError.name).toBe("InvalidInputError");
    const failed = new FunctionGraphError("GET /v2/p/fgs/quotas failed with 500", { status: 500 });
    const refused = new InvalidInputError("pageSize", "must be a whole number, 1 or more");
    expect(inspect(failed)).toMatch(/^FunctionGraphError: GET \/v2\/p\/fgs\/quotas failed with 500\n/);
    expect(inspect(refused)).toMatch(/^InvalidInputError: pageSize: must be a whole number, 1 or more\n/);
    expect(failed.constructor.name).toBe("FunctionGraphError");
    // The branded instanceof still tells the class from a subclass of the user's.
    class MyError extends FunctionGraphError {}
    expect(new MyError("x", { status: 0 })).toBeInstanceOf(FunctionGraphError);
    expect(failed).not.toBeInstanceOf(MyError);
  });
});
