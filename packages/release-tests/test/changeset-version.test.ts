// `changeset version` (the first half of `npm run version-packages`) over the repository's pending
// changesets, in a throwaway repository: every published package a changeset names is bumped as
// the changesets say, with a CHANGELOG.md entry; private packages are left alone.
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  type Bump,
  bump,
  changeset,
  cloneRepo,
  createSyntheticRepo,
  highest,
  listPackages,
  readChangesets,
  removeTempDirs,
} from "./support/synthetic-repo.js";

afterAll(removeTempDirs);

describe("changeset version", () => {
  it("bumps @fgkit/client and @fgkit/helpers and writes their CHANGELOG.md", () => {
    const repo = cloneRepo(createSyntheticRepo());
    // One changeset of our own, so that there is something to release even right after a release.
    writeFileSync(
      join(repo, ".changeset", "release-tests-probe.md"),
      '---\n"@fgkit/client": patch\n"@fgkit/helpers": patch\n---\n\nRelease-tests probe: this line must reach both changelogs.\n',
    );

    const pending = readChangesets(repo); // throws, naming the file, on a changeset that cannot be read
    const before = listPackages(repo);
    const names = new Set(before.map((p) => p.name));
    for (const c of pending) for (const r of c.releases) expect(names, `${c.file} names ${r.name}`).toContain(r.name);

    const result = changeset(repo, "version");
    expect(result.status, `changeset version failed:\n${result.stdout}\n${result.stderr}`).toBe(0);

    const after = new Map(listPackages(repo).map((p) => [p.name, p]));
    for (const pkg of before) {
      const now = after.get(pkg.name);
      const named = pending.filter((c) => c.releases.some((r) => r.name === pkg.name));
      const type: Bump = highest(named.flatMap((c) => c.releases.filter((r) => r.name === pkg.name).map((r) => r.type)));
      const changelog = join(repo, pkg.dir, "CHANGELOG.md");
      if (pkg.private) {
        expect(now?.version, `${pkg.name} is private: never versioned`).toBe(pkg.version);
        expect(existsSync(changelog), `${pkg.name} is private: no CHANGELOG.md`).toBe(false);
        continue;
      }
      if (type === "none") continue; // may still get a patch as a dependent; not checked here
      expect(now?.version, `${pkg.name}: ${pkg.version} + ${type}`).toBe(bump(pkg.version, type));
      expect(existsSync(changelog), `${pkg.name}: CHANGELOG.md written`).toBe(true);
      const text = readFileSync(changelog, "utf8");
      expect(text).toMatch(new RegExp(`^# ${pkg.name}\\n`));
      expect(text).toContain(`\n## ${now?.version}\n`);
      for (const c of named) expect(text, `${pkg.name}: ${c.file} in the changelog`).toContain(c.summary.split("\n")[0]);
    }

    for (const name of ["@fgkit/client", "@fgkit/helpers"]) {
      const was = before.find((p) => p.name === name);
      expect(was?.private, `${name} is published`).toBe(false);
      expect(after.get(name)?.version, `${name} bumped`).not.toBe(was?.version);
    }
    // The changesets are consumed.
    expect(readdirSync(join(repo, ".changeset")).filter((f) => f.endsWith(".md") && f !== "README.md")).toEqual([]);
  });
});
