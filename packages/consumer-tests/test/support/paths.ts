import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");
export const PACKAGE_ROOT = join(REPO_ROOT, "packages", "consumer-tests");

/** The published packages, by name, with their folders in the repository. */
export const PUBLISHED = {
  "@fgkit/helpers": "packages/helpers",
  "@fgkit/client": "packages/client",
  "@fgkit/spec": "spec",
} as const;

/** An executable of this package's devDependencies. */
export const bin = (name: string) => join(PACKAGE_ROOT, "node_modules", ".bin", name);

/**
 * The compiler of one of this package's TypeScript devDependencies, by its name there: `typescript`
 * (the version the repository builds with) or an alias of another version (`typescript-min`). Not
 * node_modules/.bin/tsc: each of them has a `tsc`, and which one that link runs is pnpm's choice.
 */
export const tsc = (pkg: "typescript" | "typescript-min" | "typescript-latest") =>
  join(PACKAGE_ROOT, "node_modules", pkg, "bin", "tsc");
