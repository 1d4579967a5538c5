// A fresh project outside the repository that installs the packed tarballs, as a user would.
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

export interface ProjectFiles {
  type: "module" | "commonjs";
  /** name in the project => path of the file to copy there */
  files: Record<string, string>;
  tsconfig?: Record<string, unknown>;
  /** More dependencies, from the registry: name => exact version. */
  dependencies?: Record<string, string>;
}

/** Writes the project into `dir` and runs `npm install` of the tarballs there. */
export function installProject(dir: string, tarballs: Record<string, string>, project: ProjectFiles): Promise<unknown> {
  mkdirSync(dir, { recursive: true });
  const dependencies = {
    ...project.dependencies,
    ...Object.fromEntries(Object.entries(tarballs).map(([pkg, file]) => [pkg, `file:${file}`])),
  };
  // The override makes @fgkit/client's own ^version range take the local helpers tarball too.
  const overrides = { "@fgkit/helpers": "$@fgkit/helpers" };
  const name = dir.split(/[\\/]/).pop();
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, private: true, type: project.type, dependencies, overrides }));
  for (const [file, source] of Object.entries(project.files)) copyFileSync(source, join(dir, file));
  if (project.tsconfig)
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: project.tsconfig, include: ["main.ts"] }));
  // Online (openapi-fetch comes from the registry), but from the npm cache whenever it can.
  return exec("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: dir });
}
