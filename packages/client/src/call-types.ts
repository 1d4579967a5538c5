// The typed methods of fgkit's client. openapi-fetch's own infer each call's options as a type
// parameter, which turns off TypeScript's excess-property check: a misspelt optional body field or
// query key compiled and was sent as it was (openapi-typescript#1769). Here the options are typed
// from the path alone, so the compiler names the misspelling ("did you mean ...?"), and the options
// the client refuses at run time (its own baseUrl, fetch or pathSerializer, a redirect followed) are
// not in the type at all.
import type { FetchOptions, FetchResponse, ParseAs } from "openapi-fetch";
import type { FunctionGraphPaths } from "./types.js";

type Paths = FunctionGraphPaths;

// The few helpers of openapi-typescript-helpers needed here, restated: that package is openapi-fetch's
// dependency, not the client's, so a strict install (pnpm) would not let these declarations reach it.
type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
type MediaType = `${string}/${string}`;
/** The paths that have `Method`. */
type PathsWithMethod<Method extends HttpMethod> = {
  [Path in keyof Paths]: Paths[Path] extends { [M in Method]: unknown } ? Path : never;
}[keyof Paths];
/** The keys of T that are required. */
type RequiredKeysOf<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** One operation of the API, by path and method, as openapi-fetch's answer type takes it. */
type Answered<Path extends keyof Paths, Method extends HttpMethod> = Paths[Path][Method] & Record<string | number, unknown>;

/** The options of one call: openapi-fetch's, less those that would step around the client. */
export type CallInit<Op, As extends ParseAs = "json"> = Omit<
  FetchOptions<Op>,
  "baseUrl" | "fetch" | "pathSerializer" | "redirect" | "parseAs"
> & {
  /** A redirect is an answer, never followed: the credentials would go along with it. */
  redirect?: "manual" | "error";
  /** How the answer's body is read (default `"json"`). */
  parseAs?: As;
};

/** The options argument, required when the operation has a required parameter or body. */
type InitArgs<Op, As extends ParseAs> =
  RequiredKeysOf<CallInit<Op, As>> extends never ? [init?: CallInit<Op, As>] : [init: CallInit<Op, As>];

/** `client.GET(path, init)` and the other methods. */
export type CallMethod<Method extends HttpMethod> = <Path extends PathsWithMethod<Method>, As extends ParseAs = "json">(
  url: Path,
  ...init: InitArgs<Paths[Path][Method], As>
) => Promise<FetchResponse<Answered<Path, Method>, { parseAs: As }, MediaType>>;

/** `client.request(method, path, init)`. */
export type CallRequestMethod = <Method extends HttpMethod, Path extends PathsWithMethod<Method>, As extends ParseAs = "json">(
  method: Method,
  url: Path,
  ...init: InitArgs<Paths[Path][Method], As>
) => Promise<FetchResponse<Answered<Path, Method>, { parseAs: As }, MediaType>>;
