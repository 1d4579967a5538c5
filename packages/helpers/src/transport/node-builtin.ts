/// <reference types="node" />
// Node built-ins fgkit loads when first needed rather than at import (each is a few ms of a cold
// start), at once wherever Node allows it: process.getBuiltinModule (Node 20.16 and later) or, in the
// CommonJS build, require. Only the ESM build on an older Node (FunctionGraph's Node.js 18.15 and
// 20.15 runtimes) must wait for import(). require also works where import() does not: code compiled
// by node:vm without a dynamic-import callback (Jest without --experimental-vm-modules, a sandbox)
// gets ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING from import().

// The CommonJS build's `require`, put in by the build (esbuild `define`); the ESM builds and the
// modules tsc leaves in dist/ for the package's own tests have none.
declare const FGKIT_COMMONJS_REQUIRE: ((id: string) => unknown) | undefined;

interface Builtins {
  "node:crypto": typeof import("node:crypto");
  "node:zlib": typeof import("node:zlib");
}

/** The built-in module at once, or undefined where only import() can load it. */
export function builtinNow<Id extends keyof Builtins>(id: Id): Builtins[Id] | undefined {
  const { getBuiltinModule } = process as { getBuiltinModule?: (id: string) => unknown };
  if (typeof getBuiltinModule === "function") return getBuiltinModule.call(process, id) as Builtins[Id];
  // Each require names its module in a string literal: a bundler that takes in the CommonJS build
  // (webpack, ncc, rollup's commonjs plugin) maps only such a require to Node's module, and makes
  // `require(id)` a stub that throws "Cannot find module" (webpack warns "Critical dependency"),
  // which failed every signature of such a bundle on a Node before 20.16.
  if (typeof FGKIT_COMMONJS_REQUIRE === "function")
    return (id === "node:crypto" ? FGKIT_COMMONJS_REQUIRE("node:crypto") : FGKIT_COMMONJS_REQUIRE("node:zlib")) as Builtins[Id];
  return undefined;
}
