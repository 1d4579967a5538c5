// Global setup: `pnpm pack` of every published package into one temporary folder, as the registry
// would receive them (workspace: ranges rewritten to versions, only the `files` shipped).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { PUBLISHED, REPO_ROOT } from "./paths.js";

declare module "vitest" {
  export interface ProvidedContext {
    tarballs: Record<string, string>;
    workDir: string;
  }
}

export default function setup(project: TestProject) {
  const workDir = mkdtempSync(join(tmpdir(), "fgkit-consumers-"));
  const packDir = join(workDir, "tarballs");
  const tarballs: Record<string, string> = {};
  for (const [name, dir] of Object.entries(PUBLISHED)) {
    const before = new Set(safeList(packDir));
    execFileSync(join(REPO_ROOT, "node_modules", ".bin", "pnpm"), ["pack", "--pack-destination", packDir], {
      cwd: join(REPO_ROOT, dir),
      stdio: ["ignore", "ignore", "inherit"],
    });
    const added = safeList(packDir).filter((file) => !before.has(file));
    if (added.length !== 1) throw new Error(`pnpm pack of ${name} made ${added.length} tarballs`);
    tarballs[name] = join(packDir, added[0] as string);
  }
  project.provide("tarballs", tarballs);
  project.provide("workDir", workDir);
  return () => {
    if (!process.env.FGKIT_KEEP_CONSUMERS) rmSync(workDir, { recursive: true, force: true });
  };
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
