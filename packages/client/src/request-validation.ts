// Checks of one call's options (params, headers, fetch's own fields, a call's own serializers) before
// anything is built from them: openapi-fetch and fetch would ignore a misplaced option without a
// word, send a bad value as text, or fail later with a TypeError that quotes it.
import { checkSignal, InvalidInputError } from "@fgkit/helpers";
import { editDistance } from "./edit-distance.js";
import { isBytes } from "./json-body.js";

// Characters a header value cannot carry: CR, LF, NUL and other controls, or non-Latin-1.
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Checks one header; `field` is `headers.<name>` or `params.header.<name>` (a name may contain dots). */
function checkHeader(field: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (!HEADER_NAME.test(field.replace(/^(params\.header|headers)\./, "")))
    throw new InvalidInputError(field, "is not a valid header name");
  checkHeaderValue(field, value);
}

/** Checks a header's value; `field` names it (`headers.X-Tags[1]` for one of several). */
function checkHeaderValue(field: string, value: unknown): void {
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
    throw new InvalidInputError(field, `must be a string, number or boolean, got ${kindOf(value)}`);
  if (typeof value === "number" && !Number.isFinite(value))
    throw new InvalidInputError(field, `must be a finite number, got ${value}`);
  if (BAD_HEADER_VALUE.test(String(value)))
    throw new InvalidInputError(field, "contains CR, LF or another character a header cannot carry");
}

// A UTF-16 surrogate without its pair: encodeURIComponent throws a URIError on it, and a header or
// JSON text would carry U+FFFD instead.
// (No lookbehind: older Safari would not parse the module.)
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;
/** What to say of text with a lone surrogate. */
export const NOT_WELL_FORMED = "is not well-formed Unicode (it has a lone UTF-16 surrogate)";
export const isWellFormed = (text: string): boolean => !LONE_SURROGATE.test(text);

// openapi-fetch sends a query parameter's name as it is (only values are encoded): `&`, `=` or `#` in
// one would make other parameters of it, or cut the query short. The API's names are all plain.
const QUERY_NAME = /^[A-Za-z0-9_.~-]+$/;

/**
 * Checks one query parameter, `field` naming it (`params.query.<name>`, a paginator's `filter.<name>`).
 * Every query parameter of the API is a single string, number or boolean. openapi-fetch would drop
 * a Date without a word, spell an object out as `name[key]=`, send NaN as "NaN", and fail on text
 * with a lone surrogate with encodeURIComponent's URIError.
 */
export function checkQueryParameter(field: string, name: string, value: unknown): void {
  if (!QUERY_NAME.test(name))
    throw new InvalidInputError(field, "is not a query parameter name: letters, digits, _ . ~ or - only");
  if (value === undefined || value === null || typeof value === "boolean") return;
  if (typeof value === "string") {
    if (!isWellFormed(value)) throw new InvalidInputError(field, NOT_WELL_FORMED);
    return;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new InvalidInputError(field, `must be a finite number, got ${value}`);
    return;
  }
  const kind =
    value instanceof Date
      ? "a Date (format it as the parameter's description says)"
      : Array.isArray(value)
        ? "an array"
        : typeof value;
  throw new InvalidInputError(field, `must be a string, number or boolean, got ${kind}`);
}

/** Refuses a value that is given but is not an object. */
function checkObject(field: string, value: unknown): void {
  if (value !== undefined && (typeof value !== "object" || value === null))
    throw new InvalidInputError(field, "must be an object");
}

/**
 * A record of named values (params and their groups, a paginator's filter): an object of fields, not
 * an array or bytes (whose items openapi-fetch would send as parameters `0`, `1`, ...), nor a Map,
 * a Headers or a Date (whose entries or value it would not see).
 */
export function checkRecord(field: string, value: unknown, what = "an object"): void {
  if (!isPlainObject(value)) throw new InvalidInputError(field, `must be ${what}, got ${kindOf(value)}`);
}

/** An object of named fields (from `{ ... }`, a class, another realm): not an array, a Map, bytes, a Date, ... */
export const isPlainObject = (value: unknown): boolean =>
  typeof value === "object" && value !== null && Object.prototype.toString.call(value) === "[object Object]";

/**
 * Whether `value` is a Headers. A plain object is told apart first: reading the Headers global loads
 * Node's fetch, tens of ms of a cold start when a client is created.
 */
export const isHeadersObject = (value: unknown): boolean =>
  typeof value === "object" &&
  value !== null &&
  !isPlainObject(value) &&
  typeof Headers === "function" &&
  value instanceof Headers;

/** What a value is, for a message: `an array`, `a Map`, `a string`, `null`. */
export function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") {
    const name = (Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
    return typeof name === "string" && name !== "" && name !== "Object" ? `a ${name}` : "an object";
  }
  return typeof value === "undefined" ? "undefined" : /^[aeiou]/.test(typeof value) ? `an ${typeof value}` : `a ${typeof value}`;
}

const PARAM_GROUPS = ["path", "query", "header"] as const;

// Options that openapi-fetch would ignore without a word where people put them: parameters outside
// `params`, and client options given to one call (as the AWS SDK takes them) rather than withOptions.
// And openapi-fetch's own call options that would step around the client: its endpoint checks (a
// token sent to any host, over plain http), its signing, retries and timeouts, or its paths.
const MISPLACED: Record<string, string> = {
  userAgent: 'a User-Agent is sent in headers ({ "User-Agent": ... })',
  baseUrl: "the endpoint is the client's (region or endpoint); make another client for another endpoint",
  fetch:
    "the transport is the client's (createFunctionGraphClient({ fetch })); a call's own would skip signing, retries and timeouts",
  pathSerializer: "paths are built by the client, which fills in project_id and encodes path values",
  path: "path parameters go in params.path",
  query: "query parameters go in params.query",
  header: "header parameters go in params.header (or headers)",
  retry: "per-call retry options go through client.withOptions({ retry })",
  timeout: "per-call timeouts go through client.withOptions({ timeout })",
  maxResponseBytes: "a per-call size limit goes through client.withOptions({ maxResponseBytes })",
};

// The values fetch takes for RequestInit's enumerated fields (its Request constructor refuses others
// with a TypeError of its own). `mode: "no-cors"` is left out: a browser would drop the signing
// headers and hide the answer, and `navigate` is no mode a request can be made with.
const REQUEST_INIT_VALUES: Record<string, readonly string[]> = {
  cache: ["default", "no-store", "reload", "no-cache", "force-cache", "only-if-cached"],
  credentials: ["omit", "same-origin", "include"],
  mode: ["cors", "same-origin"],
  priority: ["high", "low", "auto"],
  referrerPolicy: [
    "",
    "no-referrer",
    "no-referrer-when-downgrade",
    "same-origin",
    "origin",
    "strict-origin",
    "origin-when-cross-origin",
    "strict-origin-when-cross-origin",
    "unsafe-url",
  ],
  duplex: ["half"],
  // openapi-fetch's: how the answer's body is read (it calls response[parseAs]() once the answer came).
  parseAs: ["json", "text", "blob", "arrayBuffer", "stream"],
};

/** Middleware for client.use() or a call's `middleware`: an object with at least one of its hooks. */
export function checkMiddleware(field: string, value: unknown): void {
  const shape = "must be an object with onRequest(), onResponse() or onError()";
  if (!value || typeof value !== "object") throw new InvalidInputError(field, shape);
  let hooks = 0;
  for (const hook of ["onRequest", "onResponse", "onError"]) {
    const given = (value as Record<string, unknown>)[hook];
    if (given === undefined) continue;
    // openapi-fetch would skip it without a word.
    if (typeof given !== "function") throw new InvalidInputError(`${field}.${hook}`, `must be a function, got ${kindOf(given)}`);
    hooks++;
  }
  if (hooks === 0) throw new InvalidInputError(field, shape);
}

/**
 * Checks each option given by its name: a key no call takes, which openapi-fetch would pass to fetch
 * to be ignored without a word (`querry`, `parms`), is refused (a misplaced one with where it goes, a
 * misspelt one with the option it is near); and options openapi-fetch or fetch would fail on later
 * with a TypeError of their own (after the request was sent, for parseAs), or would take for
 * something else. One pass over the keys given: it runs on every call.
 */
function checkCallOptions(init: Record<string, unknown>, method: string | undefined): void {
  for (const name in init) {
    if (Object.hasOwn(MISPLACED, name)) throw new InvalidInputError(name, `is not a call option: ${MISPLACED[name]}`);
    // Inherited keys are not options: the client copies the call's own.
    if (!Object.hasOwn(init, name)) continue;
    const value = init[name];
    if (name === "params" || name === "body" || name === "headers" || name === "signal") continue;
    if (name === "method") {
      // RequestInit's, and in the type: openapi-fetch sends the method called whatever this says.
      if (value === undefined || (typeof value === "string" && value.toUpperCase() === method)) continue;
      throw new InvalidInputError(
        "method",
        "is not the method called: call client.POST(path, init) and so on, or client.request(method, path, init)",
      );
    }
    if (Object.hasOwn(REQUEST_INIT_VALUES, name)) {
      const values = REQUEST_INIT_VALUES[name] as readonly string[];
      if (value !== undefined && !(typeof value === "string" && values.includes(value)))
        throw new InvalidInputError(
          name,
          `must be one of ${values.map((v) => JSON.stringify(v)).join(", ")}${name === "mode" && value === "no-cors" ? ' (a "no-cors" request would lose its signing headers, and its answer could not be read)' : ""}`,
        );
      if (name === "cache" && value === "only-if-cached" && init.mode !== "same-origin")
        throw new InvalidInputError("cache", '"only-if-cached" needs mode: "same-origin"');
      continue;
    }
    if (!Object.hasOwn(OPTION_CHECKS, name)) {
      // A misspelt option is refused, even holding undefined: it is still not the option meant. Any
      // other name goes on: openapi-fetch copies it onto the Request for middleware, and runtimes
      // read their own (Workers' `cf`, Bun's `proxy`).
      const near = nearestOption(name);
      if (near !== undefined) throw new InvalidInputError(name, `is not a call option (did you mean ${near}?)`);
      continue;
    }
    if (value !== undefined) (OPTION_CHECKS[name] as (value: unknown) => void)(value);
  }
}

/** Options with a check of their own (a value given, not undefined), throwing where it fails. */
const OPTION_CHECKS: Record<string, (value: unknown) => void> = {
  Request: (value) => checkFunction("Request", value),
  bodySerializer: (value) => checkFunction("bodySerializer", value),
  querySerializer: (value) => {
    if (typeof value === "function") return;
    checkRecord("querySerializer", value, "a function (query) => string, or openapi-fetch's serializer options");
    const { allowReserved, array, object } = value as Record<string, unknown>;
    if (allowReserved !== undefined && typeof allowReserved !== "boolean")
      throw new InvalidInputError("querySerializer.allowReserved", "must be true or false");
    if (array !== undefined) checkRecord("querySerializer.array", array);
    if (object !== undefined) checkRecord("querySerializer.object", object);
  },
  // Checked with params and headers, below.
  middleware: () => undefined,
  redirect: () => undefined,
  keepalive: (value) => {
    if (typeof value !== "boolean") throw new InvalidInputError("keepalive", "must be true or false");
  },
  integrity: (value) => {
    if (typeof value !== "string") throw new InvalidInputError("integrity", `must be a string, got ${kindOf(value)}`);
  },
  referrer: (value) => {
    if (!(typeof value === "string" && (value === "" || isUrl(value))))
      throw new InvalidInputError("referrer", 'must be a URL, "about:client" or ""');
  },
  window: (value) => {
    if (value !== null) throw new InvalidInputError("window", "must be null");
  },
  dispatcher: (value) => {
    if (value === null || typeof value !== "object" || typeof (value as { dispatch?: unknown }).dispatch !== "function")
      throw new InvalidInputError("dispatcher", "must be an undici Dispatcher (an Agent, a Pool, ...)");
  },
};

function checkFunction(field: string, value: unknown): void {
  if (typeof value !== "function") throw new InvalidInputError(field, `must be a function, got ${kindOf(value)}`);
}

/** The call options, for the message about one that is not. */
const CALL_OPTIONS = ["params", "body", "headers", "signal", ...Object.keys(REQUEST_INIT_VALUES), ...Object.keys(OPTION_CHECKS)];

// Where a misspelling of a misplaced option points: to the option itself, in params.
const NEAR_MISPLACED: Record<string, string> = { query: "params.query", path: "params.path", header: "params.header" };

/** The call option `name` is a misspelling of (another case, or one or two letters off), if any. */
function nearestOption(name: string): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = lower.length <= 4 ? 1 : 2;
  for (const option of [...CALL_OPTIONS, ...Object.keys(NEAR_MISPLACED)]) {
    const distance = editDistance(lower, option.toLowerCase());
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = NEAR_MISPLACED[option] ?? option;
      bestDistance = distance;
    }
  }
  return best;
}

function isUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * A call's headers as fetch takes them: a record (a value may be an array of values), a Headers
 * (checked by fetch as it was filled), or [name, value] pairs. Anything else openapi-fetch would spell out as numbered headers or skip.
 */
function checkCallHeaders(headers: unknown): void {
  if (headers === undefined) return;
  if (Array.isArray(headers)) {
    for (const [index, pair] of headers.entries()) {
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== "string")
        throw new InvalidInputError(`headers[${index}]`, "must be a [name, value] pair");
      const [name, value] = pair as [string, unknown];
      // A pair cannot unset a header (null in a record does): fetch would send "null".
      if (value === undefined || value === null)
        throw new InvalidInputError(`headers.${name}`, `must be a string, number or boolean, got ${kindOf(value)}`);
      checkHeader(`headers.${name}`, value);
    }
    return;
  }
  if (isPlainObject(headers)) {
    for (const [name, value] of Object.entries(headers as object)) {
      if (!Array.isArray(value)) {
        checkHeader(`headers.${name}`, value);
        continue;
      }
      // Several values of one header, as openapi-fetch's type allows: sent as one, joined by ", ".
      checkHeader(`headers.${name}`, "");
      for (const [index, item] of value.entries()) checkHeaderValue(`headers.${name}[${index}]`, item);
    }
    return;
  }
  if (isHeadersObject(headers)) return;
  throw new InvalidInputError(
    "headers",
    `must be an object of header values, a Headers, or an array of [name, value] pairs, got ${kindOf(headers)}`,
  );
}

/** Checks one call's options before anything is built from them; `method` is the one called. */
function validateOptions(init: unknown, method?: string): void {
  if (init === undefined) return; // a call without options: nothing to check, and it runs on every such call
  checkObject("options", init);
  const options = init as Record<string, unknown>;
  checkCallOptions(options, method);
  const { params, signal, middleware, redirect } = options;
  // null is fetch's "no signal" (RequestInit types it so, and the call's type follows).
  if (signal !== null) checkSignal("signal", signal);
  if (middleware !== undefined) {
    if (!Array.isArray(middleware)) throw new InvalidInputError("middleware", "must be an array of middleware");
    for (const [index, m] of middleware.entries()) if (m) checkMiddleware(`middleware[${index}]`, m);
  }
  // fgkit never follows a redirect: a signature covers one host and path, and fetch would carry
  // X-Auth-Token or X-Security-Token along to wherever it points.
  if (redirect !== undefined && redirect !== "manual" && redirect !== "error")
    throw new InvalidInputError(
      "redirect",
      'must be "manual" or "error": a redirect is never followed, as the credentials would go along',
    );
  if (params !== undefined) {
    checkRecord("params", params);
    const groups = params as Record<string, unknown>;
    for (const group in groups)
      if (group !== "cookie" && !(PARAM_GROUPS as readonly string[]).includes(group))
        throw new InvalidInputError(
          `params.${group}`,
          "is not a parameter group: use params.path, params.query or params.header",
        );
    // A Headers in params.header is taken as openapi-fetch takes it (its values were checked as it was filled).
    const headerObject = isHeadersObject(groups.header);
    for (const where of PARAM_GROUPS)
      if (groups[where] !== undefined && !(where === "header" && headerObject))
        checkRecord(`params.${where}`, groups[where], where === "header" ? "an object of header values" : "an object");
    const { header, query } = groups as { header?: Record<string, unknown>; query?: Record<string, unknown> };
    if (header && !headerObject) for (const [name, value] of Object.entries(header)) checkHeader(`params.header.${name}`, value);
    if (query) for (const name in query) checkQueryParameter(`params.query.${name}`, name, query[name]);
  }
  checkCallHeaders(options.headers);
}

/**
 * validateOptions, with `.header` for the client's default headers. Made by a call marked pure rather
 * than by a statement (`fn.header = ...`) that a bundler must keep even where nothing uses either.
 */
export const validateRequestOptions = /* @__PURE__ */ Object.assign(validateOptions, { header: checkHeader });

/**
 * A call's own bodySerializer, refusing a stream: every attempt is signed over the body's bytes and
 * may be sent again, which a stream's body cannot be (fetch would fail on it with its own TypeError).
 * And what fetch cannot take as a body, which it would send as its String() (`[object Object]`, `5`)
 * or fail on.
 */
export function refusingStreams<Serializer extends (...args: never[]) => unknown>(serialize: Serializer): Serializer {
  return ((...args: Parameters<Serializer>) => {
    const body = serialize(...args);
    if (typeof ReadableStream === "function" && body instanceof ReadableStream)
      throw new InvalidInputError(
        "bodySerializer",
        "returned a ReadableStream: a request is signed over its bytes and may be sent again, so return the bytes (a Uint8Array) or a string",
      );
    if (!isBodyInit(body))
      throw new InvalidInputError(
        "bodySerializer",
        `returned ${kindOf(body)}, which fetch would not send as it is: return a string or the bytes (a Uint8Array)`,
      );
    return body;
  }) as Serializer;
}

/** A body fetch sends as it is (no body, for undefined and null). */
function isBodyInit(body: unknown): boolean {
  if (body === undefined || body === null || typeof body === "string" || isBytes(body)) return true;
  if (typeof body !== "object") return false;
  for (const name of ["Blob", "FormData", "URLSearchParams"]) {
    const type = (globalThis as Record<string, unknown>)[name];
    if (typeof type === "function" && body instanceof type) return true;
  }
  return false;
}

/**
 * A call's own querySerializer, whose result must be the query text: openapi-fetch would fail on
 * anything else with a TypeError of its own (`search.startsWith is not a function`).
 */
export function returningText<Serializer extends (...args: never[]) => unknown>(serialize: Serializer): Serializer {
  return ((...args: Parameters<Serializer>) => {
    const query = serialize(...args);
    if (typeof query !== "string")
      throw new InvalidInputError("querySerializer", `returned ${kindOf(query)}: it must return the query string`);
    return query;
  }) as Serializer;
}
