import { bundledSpecPath, startPrism } from "@fgkit/mock";
import type { TestProject } from "vitest/node";

export default async function setup(project: TestProject) {
  // The bundled spec, exactly the file @fgkit/spec publishes.
  const specPath = bundledSpecPath();
  const prism = await startPrism(specPath);
  project.provide("prismUrl", prism.url);
  project.provide("specPath", specPath);
  return () => prism.close();
}

declare module "vitest" {
  export interface ProvidedContext {
    prismUrl: string;
    specPath: string;
  }
}
