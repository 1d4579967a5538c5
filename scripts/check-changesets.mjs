// Release check, run by `npm test`: a change to the generated client types is a change to
// @fgkit/client, so it needs a changeset that names "@fgkit/client".
//
// The base is the merge base of HEAD with the base branch (.changeset/config.json's baseBranch,
// "main"): `origin/main` when that ref exists, else the local `main`; FGKIT_CHANGESET_BASE names
// another ref (a PR's target, for instance). The working tree is compared, so uncommitted work
// counts. With no git, no commit or no base, the check is skipped with a message; when the base
// differs from HEAD, `changeset status` runs as well.
//
// Exit codes: 0 pass or skip, 1 a changeset is missing or `changeset status` failed.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

const GENERATED = "packages/client/src/generated";
const CLIENT = "@fgkit/client";
const log = (message) => console.log(`check-changesets: ${message}`);

function git(...args) {
  const result = spawnSync("git", args, { encoding: "utf8" });
  if (result.error) return { ok: false, out: "", err: String(result.error.message) };
  return { ok: result.status === 0, out: result.stdout.trim(), err: result.stderr.trim() };
}

/** The releases a changeset file declares, or null when it has no frontmatter changesets can read. */
function parseChangeset(text) {
  // The same shape @changesets/parse accepts: a block between two `---` lines at the top.
  const match = /^\s*---([\s\S]*?)\n\s*---(\s*(?:\n|$)[\s\S]*)/.exec(text);
  if (!match) return null;
  const releases = [];
  for (const line of match[1].split("\n")) {
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    const entry = /^\s*(?:"([^"]+)"|'([^']+)'|([^\s:'"]+))\s*:\s*(major|minor|patch|none)\s*(?:#.*)?$/.exec(line);
    if (!entry) return null;
    releases.push({ name: entry[1] ?? entry[2] ?? entry[3], type: entry[4] });
  }
  return releases;
}

function skip(reason) {
  log(`skipped: ${reason}`);
  process.exit(0);
}

function fail(lines) {
  for (const line of lines) console.error(`check-changesets: ${line}`);
  process.exit(1);
}

const inside = git("rev-parse", "--is-inside-work-tree");
if (!inside.ok || inside.out !== "true") skip("not a git work tree (no history to compare with)");
const top = git("rev-parse", "--show-toplevel").out;
process.chdir(top);
const head = git("rev-parse", "--verify", "-q", "HEAD");
if (!head.ok) skip("no commit yet");

let baseBranch = "main";
try {
  baseBranch = JSON.parse(readFileSync(".changeset/config.json", "utf8")).baseBranch ?? baseBranch;
} catch {}
// biome-ignore lint/suspicious/noUndeclaredEnvVars: run by scripts/run-tests.mjs, not by a turbo task
const explicitBase = process.env.FGKIT_CHANGESET_BASE;
const candidates = explicitBase ? [explicitBase] : [`refs/remotes/origin/${baseBranch}`, `refs/heads/${baseBranch}`];
const baseRef = candidates.find((ref) => git("rev-parse", "--verify", "-q", `${ref}^{commit}`).ok);
if (!baseRef && explicitBase) fail([`FGKIT_CHANGESET_BASE=${explicitBase} is not a commit here`]);
if (!baseRef) skip(`no base branch (${candidates.join(", ")} not found)`);
const mergeBase = git("merge-base", "HEAD", baseRef);
if (!mergeBase.ok) skip(`HEAD has no common history with ${baseRef} (shallow clone?)`);
const base = mergeBase.out;
const baseName = `${baseRef.replace(/^refs\/(heads|remotes)\//, "")} (${base.slice(0, 8)})`;

// 1. Generated types changed since the base: tracked changes (committed or not) and new files.
const changed = [
  ...git("diff", "--name-only", base, "--", GENERATED).out.split("\n"),
  ...git("ls-files", "--others", "--exclude-standard", "--", GENERATED).out.split("\n"),
].filter(Boolean);

if (changed.length === 0) {
  log(`generated client types unchanged since ${baseName}`);
} else {
  const added = [];
  const unreadable = [];
  const dir = ".changeset";
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".md") && f !== "README.md") : [];
  for (const file of files) {
    const path = join(dir, file);
    const text = readFileSync(path, "utf8");
    const before = git("show", `${base}:${path}`);
    if (before.ok && before.out === text.trim()) continue; // present and unchanged at the base
    const releases = parseChangeset(text);
    if (releases === null) unreadable.push(path);
    else added.push({ path, releases });
  }
  const naming = added.filter((c) => c.releases.some((r) => r.name === CLIENT && r.type !== "none"));
  const clientPkg = "packages/client/package.json";
  const versionNow = JSON.parse(readFileSync(clientPkg, "utf8")).version;
  const baseClient = git("show", `${base}:${clientPkg}`);
  const versionAtBase = baseClient.ok ? JSON.parse(baseClient.out).version : undefined;

  if (unreadable.length > 0) {
    fail([
      `cannot read ${unreadable.join(", ")}: a changeset must start with frontmatter between two "---" lines,`,
      `e.g. ---\\n"${CLIENT}": minor\\n---. (A markdown formatter may have turned it into a "## ..." heading.)`,
    ]);
  }
  if (naming.length > 0) {
    log(`generated client types changed since ${baseName}; covered by ${naming.map((c) => c.path).join(", ")}`);
  } else if (versionAtBase !== undefined && versionAtBase !== versionNow) {
    log(`generated client types changed since ${baseName}; ${CLIENT} was versioned since (${versionAtBase} -> ${versionNow})`);
  } else {
    fail([
      `${GENERATED}/ changed since ${baseName} (${changed.join(", ")}),`,
      `but no changeset added since then names "${CLIENT}".`,
      `Run \`pnpm changeset\`, pick ${CLIENT} (patch: descriptions; minor: new operations or fields;`,
      "major: removals or renames), and commit the new .changeset/*.md file.",
    ]);
  }
}

// 2. `changeset status` when the branch has commits of its own.
if (base === head.out) {
  log(`HEAD is the base ${baseName}: changeset status not needed`);
} else {
  const bin = createRequire(import.meta.url).resolve("@changesets/cli/bin.js");
  log(`changeset status --since=${base.slice(0, 8)}`);
  const status = spawnSync(process.execPath, [bin, "status", `--since=${base}`], { stdio: "inherit" });
  if (status.status !== 0) {
    fail([
      "`changeset status` failed: a package changed since the base has no changeset, or a changeset",
      "cannot be read. Add one with `pnpm changeset` (or `pnpm changeset --empty` for changes users never see).",
    ]);
  }
}
