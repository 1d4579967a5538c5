// Fails when the hand-written spec still holds scaffolding: untranslated (CJK) text,
// TODO markers, or placeholder example values such as "example-func_name".
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const rules = [
  [/[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/, "non-English (CJK) text"],
  [/\bTODO\b/, "a TODO marker"],
  [/\bexample-[a-z_]+/i, "a placeholder example value"],
];

function* yamlFiles(dir) {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name === "dist") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* yamlFiles(path);
    else if (name.endsWith(".yaml")) yield path;
  }
}

const problems = [];
for (const file of yamlFiles(root)) {
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((line, i) => {
      for (const [pattern, what] of rules)
        if (pattern.test(line)) problems.push(`${relative(root, file)}:${i + 1}: ${what}: ${line.trim().slice(0, 80)}`);
    });
}
const cap = 40;
for (const p of problems.slice(0, cap)) console.error(p);
if (problems.length > cap) console.error(`... and ${problems.length - cap} more`);
if (problems.length) {
  console.error(`check-prose: ${problems.length} problem(s)`);
  process.exit(1);
}
console.log("check-prose: the spec's prose and examples are clean");
