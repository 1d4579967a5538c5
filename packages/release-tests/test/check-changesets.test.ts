// scripts/check-changesets.mjs (run by `npm test`) in throwaway repositories: a branch that changes
// the generated client types needs a changeset naming "@fgkit/client".
import { appendFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkChangesets, cloneRepo, createSyntheticRepo, git, removeTempDirs, runNode } from "./support/synthetic-repo.js";

afterAll(removeTempDirs);

const GENERATED = "packages/client/src/generated/functiongraph.ts";
const output = (r: { stdout: string; stderr: string }) => `${r.stdout}${r.stderr}`;

function changeTypes(repo: string): void {
  appendFileSync(join(repo, GENERATED), "\nexport type ReleaseTestsProbe = { added: true };\n");
  git(repo, "commit", "-q", "-am", "regenerate the client types");
}

function addChangeset(repo: string, file: string, frontmatter: string): void {
  writeFileSync(join(repo, ".changeset", file), `---\n${frontmatter}\n---\n\nSomething users see.\n`);
  git(repo, "add", "-A");
  git(repo, "commit", "-q", "-m", `changeset ${file}`);
}

describe("check-changesets", () => {
  const base = createSyntheticRepo();

  it("passes on the base branch itself", () => {
    const result = runNode(cloneRepo(base), checkChangesets);
    expect(result.status, output(result)).toBe(0);
    expect(result.stdout).toContain("generated client types unchanged");
  });

  it("fails when a commit changes the generated types without a changeset, and passes with one", () => {
    const repo = cloneRepo(base);
    git(repo, "checkout", "-q", "-b", "feature");
    changeTypes(repo);

    const missing = runNode(repo, checkChangesets);
    expect(missing.status, output(missing)).toBe(1);
    expect(missing.stderr).toContain('no changeset added since then names "@fgkit/client"');
    expect(missing.stderr).toContain(GENERATED);

    addChangeset(repo, "helpers-only.md", '"@fgkit/helpers": patch');
    const wrongPackage = runNode(repo, checkChangesets);
    expect(wrongPackage.status, output(wrongPackage)).toBe(1);

    addChangeset(repo, "client-types.md", '"@fgkit/client": minor');
    const covered = runNode(repo, checkChangesets);
    expect(covered.status, output(covered)).toBe(0);
    expect(covered.stdout).toContain("covered by .changeset/client-types.md");
    expect(covered.stdout).toContain("changeset status"); // the branch has commits: status ran, and passed
  });

  it("counts uncommitted work: changed types in the working tree need a changeset too", () => {
    const repo = cloneRepo(base);
    appendFileSync(join(repo, GENERATED), "\nexport type Uncommitted = 1;\n");
    const result = runNode(repo, checkChangesets);
    expect(result.status, output(result)).toBe(1);
    writeFileSync(join(repo, ".changeset", "wip.md"), '---\n"@fgkit/client": patch\n---\n\nWork in progress.\n');
    expect(runNode(repo, checkChangesets).status).toBe(0);
  });

  it("refuses a changeset whose frontmatter a formatter turned into a heading", () => {
    const repo = cloneRepo(base);
    git(repo, "checkout", "-q", "-b", "feature");
    changeTypes(repo);
    writeFileSync(join(repo, ".changeset", "mangled.md"), '---\n\n## "@fgkit/client": minor\n\nSomething users see.\n');
    const result = runNode(repo, checkChangesets);
    expect(result.status, output(result)).toBe(1);
    expect(result.stderr).toContain("cannot read .changeset/mangled.md");
  });

  it("skips, saying so, without git history or without a base branch", () => {
    const noGit = cloneRepo(base);
    rmSync(join(noGit, ".git"), { recursive: true, force: true });
    const withoutGit = runNode(noGit, checkChangesets);
    expect(withoutGit.status, output(withoutGit)).toBe(0);
    expect(withoutGit.stdout).toMatch(/skipped: not a git work tree/);

    const noBase = cloneRepo(base);
    git(noBase, "checkout", "-q", "-b", "feature");
    git(noBase, "branch", "-q", "-D", "main");
    git(noBase, "remote", "remove", "origin");
    const withoutBase = runNode(noBase, checkChangesets);
    expect(withoutBase.status, output(withoutBase)).toBe(0);
    expect(withoutBase.stdout).toMatch(/skipped: no base branch/);
  });
});
