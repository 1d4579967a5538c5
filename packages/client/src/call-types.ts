// The typed methods of fgkit's client. openapi-fetch's own infer each call's options as a type
// parameter, which turns off TypeScript's excess-property check: a misspelt optional body field or
// query key compiled and was sent as it was (openapi-typescript#1769). Here the options are typed
// from the path alone, so the compiler names the misspelling ("did you mean ...?"), and the options
// the client refuses at run time (its own baseUrl, fetch or pathSerializer, a redirect followed) are
// not in the type at all.
//
// Bodies and answers are the generated models as they are. openapi-fetch passes them through its
// Readable and Writable mappings (for readOnly/writeOnly markers, which this spec does not use), and
// those turn an open enum's `(string & {})` into an object type: the mappings are left out so that
// `runtime` and `trigger_type_code` can offer their known values while taking any string.
import type { BodySerializer, HeadersOptions, Middleware, ParseAs, QuerySerializer, QuerySerializerOptions } from "openapi-fetch";
import type { FunctionGraphPaths } from "./types.js";

type Paths = FunctionGraphPaths;

// The few helpers of openapi-typescript-helpers needed here, restated: that package is openapi-fetch's
// dependency, not the client's, so a strict install (pnpm) would not let these declarations reach it.
type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
/** The paths that have `Method`. */
type PathsWithMethod<Method extends HttpMethod> = {
  [Path in keyof Paths]: Paths[Path] extends { [M in Method]: unknown } ? Path : never;
}[keyof Paths];
/** The keys of T that are required. */
type RequiredKeysOf<T> = { [K in keyof T]-?: {} extends Pick<T, K> ? never : K }[keyof T];

/** The bodies of a media-type map: each media type's (JSON, and text where an answer has both). */
type BodiesOf<Content> = Content extends Record<string, unknown> ? Content[keyof Content & `${string}/${string}`] : Content;

/**
 * The params option: required when a parameter is. When it is not, it takes undefined too, as the
 * optional groups and parameters inside it do, so `{ params: maybe }` compiles under
 * exactOptionalPropertyTypes (openapi-fetch's own ParamsOption refuses it there).
 */
type ParamsOption<Op> = Op extends { parameters: infer P }
  ? RequiredKeysOf<P> extends never
    ? { params?: P | undefined }
    : { params: P }
  : { params?: { query?: Record<string, unknown> | undefined } | undefined };

/** The request body option: required, optional, or none. */
type BodyOption<Op> = "requestBody" extends keyof Op
  ? Op extends { requestBody: { content: infer C } }
    ? { body: BodiesOf<C> }
    : [NonNullable<Op["requestBody" & keyof Op]>] extends [never]
      ? { body?: never }
      : [NonNullable<Op["requestBody" & keyof Op]>] extends [{ content: infer C }]
        ? { body?: BodiesOf<C> }
        : { body?: never }
  : { body?: never };

/**
 * The options of one call: openapi-fetch's, less those that would step around the client. `Op` is an
 * operation as the client sees it, e.g. `CallInit<FunctionGraphPaths["/v2/{project_id}/fgs/functions"]["get"]>`
 * (not `Operations[...]`, whose path parameters still have project_id).
 */
export type CallInit<Op, As extends ParseAs = "json"> = ParamsOption<Op> &
  BodyOption<Op> & {
    querySerializer?: QuerySerializer<Op> | QuerySerializerOptions | undefined;
    bodySerializer?: BodySerializer<Op> | undefined;
    headers?: HeadersOptions | undefined;
    middleware?: Middleware[] | undefined;
    /** A redirect is an answer, never followed: the credentials would go along with it. */
    redirect?: "manual" | "error" | undefined;
    /** How the answer's body is read (default `"json"`). */
    parseAs?: As | undefined;
    signal?: AbortSignal | null | undefined;
    /** Node: the undici Dispatcher (an Agent, a ProxyAgent, a MockAgent) this call goes through, instead of the global one. */
    dispatcher?: object | undefined;
  } & Omit<RequestInit, "body" | "headers" | "redirect" | "signal">;

/** The options argument, required when the operation has a required parameter or body. */
type InitArgs<Op, As extends ParseAs> =
  RequiredKeysOf<CallInit<Op, As>> extends never ? [init?: CallInit<Op, As>] : [init: CallInit<Op, As>];

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type IsUnion<T> = [T] extends [UnionToIntersection<T>] ? false : true;

/**
 * InitArgs for one path. A union of paths comes from a path that is not the API's (inference falls
 * back on every path of the method, and the compiler names the bad path) or from a type such as
 * `Parameters<typeof client.GET>`: computing the options of each of them would exhaust the compiler
 * (TS2589, after which it stops reporting such mistakes and editors stop suggesting paths).
 */
type InitArgsFor<Path, Op, As extends ParseAs> =
  IsUnion<Path> extends true ? [init?: { parseAs?: As | undefined; [option: string]: unknown }] : InitArgs<Op, As>;

// The statuses openapi-fetch counts as a success (`data`) and as an error (`error`).
type OkStatus = 200 | 201 | 202 | 203 | 204 | 206 | 207 | "2XX";
type ErrorStatus =
  | 400
  | 401
  | 402
  | 403
  | 404
  | 405
  | 406
  | 407
  | 408
  | 409
  | 410
  | 411
  | 412
  | 413
  | 414
  | 415
  | 416
  | 417
  | 418
  | 420
  | 421
  | 422
  | 423
  | 424
  | 425
  | 426
  | 427
  | 428
  | 429
  | 430
  | 431
  | 444
  | 450
  | 451
  | 497
  | 498
  | 499
  | 500
  | 501
  | 502
  | 503
  | 504
  | 505
  | 506
  | 507
  | 508
  | 509
  | 510
  | 511
  | "4XX"
  | "5XX"
  | "default";

/** The bodies the answers of `Codes` carry (`undefined` for an answer without content). */
type AnswerBodies<Op, Codes> = Op extends { responses: infer R }
  ? { [K in Codes & keyof R]: R[K] extends { content: infer C } ? BodiesOf<C> : undefined }[Codes & keyof R]
  : never;

/** The JSON bodies of a media-type map: what `parseAs: "json"` (the default) can give. */
type JsonBodiesOf<Content> =
  Content extends Record<string, unknown> ? Content[keyof Content & `${string}json${string}`] : Content;

/** The bodies the successful answers of an operation carry as JSON. */
type JsonAnswerBodies<Op, Codes> = Op extends { responses: infer R }
  ? { [K in Codes & keyof R]: R[K] extends { content: infer C } ? JsonBodiesOf<C> : undefined }[Codes & keyof R]
  : never;

/** An answer's body as `parseAs` reads it (`T`: its JSON bodies). */
type BodyAs<T, As extends ParseAs> = {
  json: T;
  text: Awaited<ReturnType<Response["text"]>>;
  blob: Awaited<ReturnType<Response["blob"]>>;
  arrayBuffer: Awaited<ReturnType<Response["arrayBuffer"]>>;
  stream: Response["body"];
}[As];

/**
 * What a call resolves to, as openapi-fetch's FetchResponse: `data` on a success, `error` otherwise.
 * An error answer's body is the API's error object when it sends one; a gateway's or proxy's page
 * comes as its text, and an empty body (a bare 404, a redirect) as undefined. So `if (error)` alone
 * does not prove `data`: test `response.ok` (or `data`), or use unwrap().
 */
export type CallResponse<Op, As extends ParseAs = "json"> =
  | { data: BodyAs<JsonAnswerBodies<Op, OkStatus>, As>; error?: never; response: Response }
  | { data?: never; error: AnswerBodies<Op, ErrorStatus> | string | undefined; response: Response };

/** `client.GET(path, init)` and the other methods. */
export type CallMethod<Method extends HttpMethod> = <Path extends PathsWithMethod<Method>, As extends ParseAs = "json">(
  url: Path,
  ...init: InitArgsFor<Path, Paths[Path][Method], As>
) => Promise<CallResponse<Paths[Path][Method], As>>;

/** `client.request(method, path, init)`. */
export type CallRequestMethod = <Method extends HttpMethod, Path extends PathsWithMethod<Method>, As extends ParseAs = "json">(
  method: Method,
  url: Path,
  ...init: InitArgsFor<Path, Paths[Path][Method], As>
) => Promise<CallResponse<Paths[Path][Method], As>>;
