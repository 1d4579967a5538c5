import {
  type ClockOffset,
  type Credentials,
  checkKnownOptions,
  createRetryQuota,
  defaultFetch,
  draftRequestClass,
  type FetchLike,
  InvalidInputError,
  invalidateRefusedCredentials,
  type ResolvedCredentials,
  type RetryOptions,
  resolveCredentials,
  resolveMaxResponseBytes,
  resolveRetryOptions,
  resolveTimeoutOptions,
  type TimeoutOptions,
  withAuth,
  withRetry,
} from "@fgkit/helpers";
import createClient, { type Client, createQuerySerializer, type Middleware } from "openapi-fetch";
import { callHeaders } from "./call-headers.js";
import type { CallMethod, CallRequestMethod } from "./call-types.js";
import { credentialsFromEnvironment, PROJECT_ID_PATTERN, projectIdFromEnvironment } from "./environment-defaults.js";
import { serializeJsonBody } from "./json-body.js";
import { createPathSerializer, encodePathValue } from "./path-params.js";
import { endpointOf, type Region } from "./regions.js";
import {
  checkMiddleware,
  isHeadersObject,
  isPlainObject,
  refusingStreams,
  returningText,
  validateRequestOptions,
} from "./request-validation.js";
import type { FunctionGraphPaths } from "./types.js";

export interface FunctionGraphClientOptions {
  /** A FunctionGraph region such as `cn-north-4`; or give `endpoint`. */
  region?: Region | (string & {}) | undefined;
  /** A full base URL (https:, or http: on loopback); overrides `region`. */
  endpoint?: string | undefined;
  /** Allow a plain http: endpoint that is not on loopback. */
  allowInsecureHttp?: boolean | undefined;
  /**
   * The project every path's `{project_id}` refers to; also sent as X-Project-Id. Left out, it is
   * read from HUAWEICLOUD_SDK_PROJECT_ID when the client is created (as the official SDKs read it),
   * or, when that is not set, from RUNTIME_PROJECT_ID (FunctionGraph sets it in a function).
   */
  projectId?: string | undefined;
  /**
   * `{ ak, sk, securityToken? }`, `{ accessKeys }` (a provider of keys that change, such as
   * createAccessKeyProvider over fetchEcsAccessKeys), `{ token }`, or an async token provider. Left
   * out, the keys are read once, when the client is created, from the official SDKs' variables
   * HUAWEICLOUD_SDK_AK, HUAWEICLOUD_SDK_SK and (for temporary keys) HUAWEICLOUD_SDK_SECURITY_TOKEN.
   */
  credentials?: Credentials | undefined;
  /**
   * The transport. Receives fully signed Requests. Default: the global fetch, and on Node a direct
   * path into the connection pool under it (undici's global dispatcher; see `defaultFetch`).
   */
  fetch?: FetchLike | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
  /** Retry policy (default: 3 attempts, full-jitter backoff, idempotent methods only). */
  retry?: RetryOptions | undefined;
  /** Per-attempt timeout (default 60 s) and overall deadline (default none). */
  timeout?: TimeoutOptions | undefined;
  /** Largest response body accepted (default 64 MiB). */
  maxResponseBytes?: number | undefined;
}

/** Options that can differ per call: `client.withOptions({ retry: { retryNonIdempotent: true } }).POST(...)`. */
export interface CallOptions {
  retry?: RetryOptions | undefined;
  timeout?: TimeoutOptions | undefined;
  maxResponseBytes?: number | undefined;
}

/** openapi-fetch's client over the API's paths, with options checked by the compiler (call-types.ts). */
export interface FunctionGraphClient extends Pick<Client<FunctionGraphPaths>, "use" | "eject"> {
  /** Any method: `client.request("get", path, init)`. */
  request: CallRequestMethod;
  GET: CallMethod<"get">;
  PUT: CallMethod<"put">;
  POST: CallMethod<"post">;
  DELETE: CallMethod<"delete">;
  OPTIONS: CallMethod<"options">;
  HEAD: CallMethod<"head">;
  PATCH: CallMethod<"patch">;
  TRACE: CallMethod<"trace">;
  /** The same client with some options changed, e.g. retries for an invoke known to be idempotent. */
  withOptions(options: CallOptions): FunctionGraphClient;
}

/**
 * openapi-fetch reads globalThis.Request when a client is created, and on Node that first read loads
 * undici (about 15 ms). This stand-in builds the same Requests but reads it only at the first call.
 */
const DeferredRequest = function Request(input: RequestInfo | URL, init?: RequestInit) {
  return new globalThis.Request(input, init);
} as unknown as typeof Request;
Object.defineProperty(DeferredRequest, Symbol.hasInstance, { value: (value: unknown) => value instanceof globalThis.Request });

/** Puts a call's dispatcher back on a Request a middleware made (see the call, below). */
const keepDispatcher = (dispatcher: unknown): Middleware => ({
  onRequest({ request }) {
    if (!("dispatcher" in request)) Object.defineProperty(request, "dispatcher", { value: dispatcher });
  },
});

const METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

type Init = { params?: { path?: Record<string, unknown> } & Record<string, unknown> } & Record<string, unknown>;

const CLIENT_OPTIONS = [
  "region",
  "endpoint",
  "allowInsecureHttp",
  "projectId",
  "credentials",
  "fetch",
  "headers",
  "retry",
  "timeout",
  "maxResponseBytes",
];
const CALL_OPTIONS = ["retry", "timeout", "maxResponseBytes"];

// Where other SDKs' options, or fgkit's own put one level off, go.
const RETRY_HINT = "is not an option: retries are set in retry ({ maxAttempts, ... })";
const TIMEOUT_HINT = "is not an option: timeouts are set in timeout ({ attemptTimeoutMs, totalTimeoutMs })";
const LEVEL_HINTS: Record<string, string> = {
  maxAttempts: RETRY_HINT,
  maxRetries: RETRY_HINT,
  retries: RETRY_HINT,
  retryNonIdempotent: RETRY_HINT,
  baseDelayMs: RETRY_HINT,
  onRetry: RETRY_HINT,
  timeoutMs: TIMEOUT_HINT,
  attemptTimeoutMs: TIMEOUT_HINT,
  totalTimeoutMs: TIMEOUT_HINT,
  middleware: "is not an option: add middleware with client.use(...)",
};
const OPTION_HINTS: Record<string, string> = {
  ...LEVEL_HINTS,
  baseUrl: "is not an option: the base URL is endpoint (or give region)",
  userAgent: 'is not an option: send one in headers ({ "User-Agent": ... })',
};
const CREATION = "is set when the client is created";
const WITH_OPTIONS_HINTS: Record<string, string> = {
  ...LEVEL_HINTS,
  ...Object.fromEntries(CLIENT_OPTIONS.filter((name) => !CALL_OPTIONS.includes(name)).map((name) => [name, CREATION])),
  baseUrl: `${CREATION} (endpoint or region)`,
  userAgent: `${CREATION} (in headers)`,
};

/**
 * Creates a typed FunctionGraph client: `client.GET("/v2/{project_id}/fgs/functions", { params })`
 * resolves to openapi-fetch's `{ data, error, response }`. Options are checked here, and every
 * call's parameters before anything is sent; no secret is kept where it could be printed.
 */
export function createFunctionGraphClient(options: FunctionGraphClientOptions): FunctionGraphClient {
  if (!options || typeof options !== "object") throw new InvalidInputError("options", "must be an object");
  checkKnownOptions("", options, CLIENT_OPTIONS, OPTION_HINTS);
  const baseUrl = endpointOf(options);
  const projectId =
    options.projectId === undefined ? projectIdFromEnvironment() : encodePathValue("projectId", options.projectId);
  // It goes into every path and, as it is, into X-Project-Id: an ID is 32 hex characters.
  if (!PROJECT_ID_PATTERN.test(projectId))
    throw new InvalidInputError("projectId", "must be a project ID: letters, digits, - or _ (32 hex characters)");
  const auth = resolveCredentials(options.credentials === undefined ? credentialsFromEnvironment() : options.credentials);
  if (options.fetch !== undefined && typeof options.fetch !== "function")
    throw new InvalidInputError("fetch", "must be a function (request: Request) => Promise<Response>");
  // A Headers is taken as it is (its values were checked as it was filled).
  const headersObject = isHeadersObject(options.headers);
  if (options.headers !== undefined && !headersObject && !isPlainObject(options.headers))
    // An array, bytes or a Map would be sent as headers named 0, 1, ... or not at all.
    throw new InvalidInputError("headers", "must be a record of header names to values, or a Headers");
  if (!headersObject)
    for (const [name, value] of Object.entries(options.headers ?? {})) validateRequestOptions.header(`headers.${name}`, value);
  checkCallOptions(options);

  const shared: Shared = {
    baseUrl,
    origin: `${new URL(baseUrl).origin}/`,
    projectId,
    auth,
    headers: options.headers,
    transport: options.fetch ?? defaultFetch,
    clock: { offsetMs: 0 },
    serializePath: cachedPathSerializer(projectId),
    serializeQuery: createQuerySerializer(),
  };
  return build(shared, {
    retry: withOwnQuota(options.retry),
    timeout: options.timeout,
    maxResponseBytes: options.maxResponseBytes,
  });
}

/**
 * Retry options whose quota is one object, made here when a size (or nothing) was given: the clients
 * withOptions derives inherit that object, so they all draw on the same tokens.
 */
function withOwnQuota(retry: RetryOptions | undefined): RetryOptions {
  const quota = retry?.retryQuota;
  // Checked already (checkCallOptions): a number of tokens, nothing (the default), false or a quota.
  return { ...retry, retryQuota: quota === undefined || typeof quota === "number" ? createRetryQuota(quota) : quota };
}

interface Shared {
  baseUrl: string;
  /** The endpoint's origin and a slash: every request the client signs must start with it. */
  origin: string;
  projectId: string;
  auth: ResolvedCredentials;
  headers: Record<string, string> | undefined;
  transport: FetchLike;
  clock: ClockOffset;
  serializePath: (template: string, params: Record<string, unknown>) => string;
  serializeQuery: (query: Record<string, unknown>) => string;
}

/**
 * The path serializer, remembering the paths of templates whose only parameter is project_id (the
 * lists, quotas, ...): they are the same on every call.
 */
function cachedPathSerializer(projectId: string) {
  const serialize = createPathSerializer(projectId);
  const fixed = new Map<string, string>();
  return (template: string, params: Record<string, unknown>): string => {
    let path = fixed.get(template);
    if (path === undefined) {
      path = serialize(template, params);
      if (!/\{(?!project_id\})/.test(template)) {
        if (fixed.size >= 256) fixed.clear(); // paths built by hand (not the API's templates) stay bounded
        fixed.set(template, path);
      }
    }
    return path;
  };
}

/**
 * `inherited` is the middleware of the client this one was derived from (withOptions), read at each
 * call: what is added to that client later runs here too, while what is added here stays here.
 */
function build(shared: Shared, call: CallOptions, inherited?: () => readonly Middleware[]): FunctionGraphClient {
  // Retry outside, signing inside: every attempt is signed afresh with the corrected clock.
  const signed = withAuth(shared.transport, shared.auth, {
    projectId: shared.projectId,
    // Every request says JSON, with a body or without, as the official SDK's do (the API's documents
    // mark Content-Type mandatory): the same signed headers, nothing for a gateway to refuse. Added
    // here rather than as a default header, which openapi-fetch would merge into a Headers per call.
    contentType: "application/json",
    clockOffset: () => shared.clock.offsetMs,
  });
  const retrying = withRetry(signed, {
    ...call.retry,
    ...call.timeout,
    clock: shared.clock,
    // A token or keys the gateway refused (revoked before expiry): the provider drops them, one resend.
    onUnauthorized: (request) => invalidateRefusedCredentials(shared.auth, request),
    ...(call.maxResponseBytes !== undefined ? { maxResponseBytes: call.maxResponseBytes } : {}),
  });
  const client = createClient<FunctionGraphPaths>({
    Request: DeferredRequest,
    baseUrl: shared.baseUrl,
    headers: shared.headers,
    // A middleware may hand on a Request of its own, and a call may give its own Request class: the
    // credentials go only to the endpoint's host, never to another URL one of them put in its place.
    fetch: (request) =>
      typeof request?.url === "string" && !request.url.startsWith(shared.origin)
        ? Promise.reject(
            new InvalidInputError(
              "request.url",
              `is not on the client's endpoint (${shared.origin}): a middleware or a Request class sent the call elsewhere, where its credentials are not sent`,
            ),
          )
        : retrying(request),
    pathSerializer: shared.serializePath,
    // openapi-fetch would make this default serializer afresh on every call.
    querySerializer: shared.serializeQuery,
    bodySerializer: serializeJsonBody,
    // A redirect is an answer, never followed: a signature only holds for the host and path it
    // covers, and fetch would carry X-Auth-Token or X-Security-Token along to wherever it points.
    redirect: "manual",
  });

  // Middleware is handed to each call (ahead of the call's own) rather than registered with this
  // openapi-fetch client, so that clients derived with withOptions (invokeFunction's among them),
  // which are other openapi-fetch clients, run this client's too. While there is none, calls skip
  // building openapi-fetch's Request (DraftRequest).
  const own: Middleware[] = [];
  const middlewareOf: () => readonly Middleware[] = inherited
    ? () => {
        const above = inherited();
        return above.length === 0 ? own : own.length === 0 ? above : [...above, ...own];
      }
    : () => own;
  const checked = {
    ...client,
    use(...added) {
      for (const m of added) if (m) checkMiddleware("middleware", m);
      for (const m of added) if (m) own.push(m);
    },
    eject(...removed) {
      for (const m of removed) {
        const index = own.indexOf(m);
        if (index !== -1) own.splice(index, 1);
      }
    },
  } as FunctionGraphClient;
  for (const method of METHODS)
    (checked as unknown as Record<string, unknown>)[method] = checkedMethod(
      method,
      client[method] as (path: string, init?: unknown) => Promise<unknown>,
      middlewareOf,
    );
  // openapi-fetch's request(method, path, init), through the same checks and middleware.
  checked.request = ((method: unknown, path: string, init?: Init) => {
    const name = typeof method === "string" ? method.toUpperCase() : "";
    if (!(METHODS as readonly string[]).includes(name))
      return Promise.reject(new InvalidInputError("method", `must be one of ${METHODS.join(", ")}`));
    return (checked as unknown as Record<string, (path: string, init?: Init) => Promise<unknown>>)[name]?.(path, init);
  }) as FunctionGraphClient["request"];
  checked.withOptions = (more) => {
    if (!more || typeof more !== "object") throw new InvalidInputError("options", "must be an object");
    checkKnownOptions("", more, CALL_OPTIONS, WITH_OPTIONS_HINTS);
    checkCallOptions(more);
    return build(
      shared,
      {
        // A quota given here is this client's (and its own derived clients'); otherwise the inherited one.
        retry: { ...call.retry, ...(more.retry?.retryQuota !== undefined ? withOwnQuota(more.retry) : more.retry) },
        timeout: { ...call.timeout, ...more.timeout },
        maxResponseBytes: more.maxResponseBytes ?? call.maxResponseBytes,
      },
      middlewareOf,
    );
  };
  return checked;
}

/**
 * One method of the client (`GET`, ...): each call's params checked before openapi-fetch builds a
 * Request (its errors would quote values), then handed to openapi-fetch's `send` with the client's
 * middleware ahead of the call's own.
 */
function checkedMethod(
  method: (typeof METHODS)[number],
  send: (path: string, init?: unknown) => Promise<unknown>,
  middlewareOf: () => readonly Middleware[],
) {
  return (path: string, init?: Init): Promise<unknown> => {
    // Not async: the call's promise is openapi-fetch's own, one hop shorter. Bad input still rejects.
    try {
      if (typeof path !== "string" || path[0] !== "/")
        throw new InvalidInputError("path", "must be an API path such as /v2/{project_id}/fgs/functions");
      validateRequestOptions(init, method);
      // fetch would refuse it with a TypeError from inside; no GET or HEAD of the API takes one.
      if (init?.body !== undefined && (method === "GET" || method === "HEAD"))
        throw new InvalidInputError("body", `a ${method} request has no body: parameters go in params.query`);
    } catch (error) {
      return Promise.reject(error);
    }
    const middleware = middlewareOf();
    const draft = draftRequestClass && middleware.length === 0 && init?.Request === undefined && !init?.middleware;
    // openapi-fetch only runs the path serializer when there are path params; project_id always needs it.
    const options: Record<string, unknown> = {
      Request: draft ? draftRequestClass : undefined, // undefined: openapi-fetch's default (DeferredRequest)
      ...init,
      params: { ...init?.params, path: { ...init?.params?.path } },
    };
    if (middleware.length > 0) options.middleware = [...middleware, ...((init?.middleware as Middleware[]) ?? [])];
    // A Request a middleware made in place of openapi-fetch's carries the call's dispatcher in undici's
    // own field, which fetch reads and the default transport cannot: it gets it back as the property
    // openapi-fetch sets on its own Request.
    if (init?.dispatcher !== undefined && options.middleware !== undefined)
      options.middleware = [...(options.middleware as Middleware[]), keepDispatcher(init.dispatcher)];
    if (typeof init?.bodySerializer === "function")
      options.bodySerializer = refusingStreams(init.bodySerializer as (body: unknown) => unknown);
    if (typeof init?.querySerializer === "function")
      options.querySerializer = returningText(init.querySerializer as (query: unknown) => unknown);
    const headers = init?.headers === undefined ? undefined : callHeaders(init.headers);
    if (headers !== undefined) options.headers = headers;
    return send(path, options);
  };
}

/**
 * Checks retry, timeout and size options under the names the caller used (`retry.maxAttempts`),
 * before withRetry gets them flattened: NaN from an unset environment variable would otherwise
 * turn a limit off or retry for ever.
 */
function checkCallOptions(options: CallOptions): void {
  if (options.retry !== undefined) resolveRetryOptions(options.retry, "retry");
  if (options.timeout !== undefined) resolveTimeoutOptions(options.timeout, "timeout");
  if (options.maxResponseBytes !== undefined) resolveMaxResponseBytes(options.maxResponseBytes);
}
