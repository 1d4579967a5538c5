// What the numbers were measured on, and at which commit (read from .git without running git).
import { existsSync, readFileSync } from "node:fs";
import { cpus, release, totalmem } from "node:os";
import { join } from "node:path";

export function describeMachine(): string {
  const cpu = cpus();
  const model = cpu[0]?.model.replace(/\s+/g, " ").trim() ?? "unknown CPU";
  return `${cpu.length} × ${model}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ${process.platform} ${release()}, Node ${process.version}`;
}

export function currentCommit(repoRoot: string): string {
  const fromEnv = process.env.GITHUB_SHA;
  if (fromEnv) return fromEnv;
  try {
    const git = join(repoRoot, ".git");
    const head = readFileSync(join(git, "HEAD"), "utf8").trim();
    if (!head.startsWith("ref: ")) return head;
    const ref = head.slice(5);
    if (existsSync(join(git, ref))) return readFileSync(join(git, ref), "utf8").trim();
    const packed = readFileSync(join(git, "packed-refs"), "utf8");
    return (
      packed
        .split("\n")
        .find((line) => line.endsWith(` ${ref}`))
        ?.split(" ")[0] ?? "unknown"
    );
  } catch {
    return "unknown";
  }
}
