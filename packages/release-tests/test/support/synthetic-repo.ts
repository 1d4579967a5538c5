// Throwaway git repositories that look like this one to the release tooling: the root and package
// manifests, the pending changesets and the generated client types, copied from the working tree
// (uncommitted work included), committed on `main`. node_modules links to the real one, so the
// changesets CLI and its changelog generator resolve as they do here.
import { type SpawnSyncReturns, spawnSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
export const checkChangesets = join(repoRoot, "scripts", "check-changesets.mjs");
const changesetBin = createRequire(import.meta.url).resolve("@changesets/cli/bin.js");

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: "release-tests",
  GIT_AUTHOR_EMAIL: "release-tests@example.invalid",
  GIT_COMMITTER_NAME: "release-tests",
  GIT_COMMITTER_EMAIL: "release-tests@example.invalid",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_TERMINAL_PROMPT: "0",
  FGKIT_CHANGESET_BASE: "",
};

export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync("git", ["-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null", ...args], {
    cwd,
    env: gitEnv,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed in ${cwd}:\n${result.stderr}`);
  return result.stdout.trim();
}

export function runNode(cwd: string, script: string, args: string[] = []): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [script, ...args], { cwd, env: gitEnv, encoding: "utf8" });
}

export function changeset(cwd: string, ...args: string[]): SpawnSyncReturns<string> {
  return runNode(cwd, changesetBin, args);
}

const dirs: string[] = [];
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `fgkit-release-${prefix}-`));
  dirs.push(dir);
  return dir;
}
export function removeTempDirs(): void {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

function copy(relative: string, to: string): void {
  const from = join(repoRoot, relative);
  if (!existsSync(from)) return;
  mkdirSync(dirname(join(to, relative)), { recursive: true });
  cpSync(from, join(to, relative), { recursive: true });
}

/** The files the release tooling reads, from the working tree, as one commit on `main`. */
export function createSyntheticRepo(): string {
  const dir = tempDir("repo");
  for (const file of ["package.json", "pnpm-workspace.yaml", ".gitignore", ".changeset", "spec/package.json"]) copy(file, dir);
  for (const name of readdirSync(join(repoRoot, "packages"))) copy(join("packages", name, "package.json"), dir);
  copy("packages/client/src/generated", dir);
  git(dir, "init", "-q", "-b", "main");
  // A symlink is no directory to git: `node_modules/` in .gitignore would not keep it out.
  appendFileSync(join(dir, ".git", "info", "exclude"), "\nnode_modules\n");
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "base");
  return dir;
}

/** A clone to change freely (git clone --no-hardlinks), with node_modules linked again. */
export function cloneRepo(source: string): string {
  const dir = join(tempDir("clone"), "repo");
  git(dirname(dir), "clone", "-q", "--no-hardlinks", source, dir);
  appendFileSync(join(dir, ".git", "info", "exclude"), "\nnode_modules\n");
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
  return dir;
}

export interface PackageInfo {
  dir: string;
  name: string;
  version: string;
  private: boolean;
}

export function listPackages(root: string): PackageInfo[] {
  const dirs = ["spec", ...readdirSync(join(root, "packages")).map((name) => join("packages", name))];
  return dirs
    .filter((dir) => existsSync(join(root, dir, "package.json")))
    .map((dir) => {
      const pkg = JSON.parse(readFileSync(join(root, dir, "package.json"), "utf8"));
      return { dir, name: pkg.name, version: pkg.version, private: pkg.private === true };
    });
}

export type Bump = "major" | "minor" | "patch" | "none";

export interface Changeset {
  file: string;
  releases: { name: string; type: Bump }[];
  summary: string;
}

/**
 * Reads .changeset/*.md the way changesets does (frontmatter between two `---` lines, one
 * `"name": bump` per line) and throws, naming the file, when one cannot be read.
 */
export function readChangesets(root: string): Changeset[] {
  const dir = join(root, ".changeset");
  const problems: string[] = [];
  const changesets: Changeset[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".md") && f !== "README.md")) {
    const text = readFileSync(join(dir, file), "utf8");
    const match = /^\s*---([\s\S]*?)\n\s*---(\s*(?:\n|$)[\s\S]*)/.exec(text);
    if (!match) {
      problems.push(`.changeset/${file} has no frontmatter (it must start with ---, "name": bump lines, ---)`);
      continue;
    }
    const releases: Changeset["releases"] = [];
    for (const line of (match[1] as string).split("\n").filter((l) => l.trim() !== "")) {
      const entry = /^\s*["']?([^"':]+)["']?\s*:\s*(major|minor|patch|none)\s*$/.exec(line);
      if (entry) releases.push({ name: entry[1] as string, type: entry[2] as Bump });
      else problems.push(`.changeset/${file}: cannot read the frontmatter line ${JSON.stringify(line)}`);
    }
    changesets.push({ file, releases, summary: (match[2] as string).trim() });
  }
  if (problems.length > 0) throw new Error(`unreadable changesets, \`changeset version\` would fail:\n${problems.join("\n")}`);
  return changesets;
}

const ORDER: Bump[] = ["none", "patch", "minor", "major"];
export const highest = (types: Bump[]): Bump => types.reduce((a, b) => (ORDER.indexOf(b) > ORDER.indexOf(a) ? b : a), "none");

export function bump(version: string, type: Bump): string {
  const [major, minor, patch] = version.split(".").map(Number) as [number, number, number];
  if (type === "major") return `${major + 1}.0.0`;
  if (type === "minor") return `${major}.${minor + 1}.0`;
  if (type === "patch") return `${major}.${minor}.${patch + 1}`;
  return version;
}
