import type { components, operations, paths } from "./generated/functiongraph.js";

type OtherPathParams<Path> = Omit<NonNullable<Path>, "project_id">;

/** `path` stays required when something besides project_id is left, and disappears otherwise. */
type PathParams<Path> = keyof OtherPathParams<Path> extends never ? { path?: never } : { path: OtherPathParams<Path> };

/** Removes `project_id` from an operation's path parameters: the client fills it in. */
type WithoutProjectId<Op> = Op extends { parameters: infer Params extends { path?: unknown } }
  ? Omit<Op, "parameters"> & { parameters: Omit<Params, "path"> & PathParams<Params["path"]> }
  : Op;

/** The API's paths, as the client sees them: project_id is implied. */
export type FunctionGraphPaths = {
  [Path in keyof paths]: { [Key in keyof paths[Path]]: WithoutProjectId<paths[Path][Key]> };
};

/** Every model of the API by name, e.g. `Schemas["ListFunctionResult"]`. */
export type Schemas = components["schemas"];
export type Operations = operations;
export type { components, operations, paths };
