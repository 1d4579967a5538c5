import { checkSignal, InvalidInputError } from "@fgkit/helpers";

// Characters a header value cannot carry: CR, LF, NUL and other controls, or non-Latin-1.
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Checks one header; `field` is `headers.<name>` or `params.header.<name>` (a name may contain dots). */
function checkHeader(field: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (!HEADER_NAME.test(field.replace(/^(params\.header|headers)\./, "")))
    throw new InvalidInputError(field, "is not a valid header name");
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
    throw new InvalidInputError(field, `must be a string, number or boolean, got ${typeof value}`);
  if (typeof value === "number" && !Number.isFinite(value))
    throw new InvalidInputError(field, `must be a finite number, got ${value}`);
  if (BAD_HEADER_VALUE.test(String(value)))
    throw new InvalidInputError(field, "contains CR, LF or another character a header cannot carry");
}

/**
 * Every query parameter of the API is a single string, number or boolean. openapi-fetch would drop
 * a Date without a word, spell an object out as `name[key]=`, and send NaN as "NaN".
 */
function checkQueryValue(name: string, value: unknown): void {
  if (value === undefined || value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new InvalidInputError(`params.query.${name}`, `must be a finite number, got ${value}`);
    return;
  }
  const kind =
    value instanceof Date
      ? "a Date (format it as the parameter's description says)"
      : Array.isArray(value)
        ? "an array"
        : typeof value;
  throw new InvalidInputError(`params.query.${name}`, `must be a string, number or boolean, got ${kind}`);
}

/** Refuses a value that is given but is not an object. */
function checkObject(field: string, value: unknown): void {
  if (value !== undefined && (typeof value !== "object" || value === null))
    throw new InvalidInputError(field, "must be an object");
}

const PARAM_GROUPS = ["path", "query", "header"] as const;

// Options that openapi-fetch would ignore without a word where people put them: parameters outside
// `params`, and client options given to one call (as the AWS SDK takes them) rather than withOptions.
// And openapi-fetch's own call options that would step around the client: its endpoint checks (a
// token sent to any host, over plain http), its signing, retries and timeouts, or its paths.
const MISPLACED: Record<string, string> = {
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

/** Middleware for client.use() or a call's `middleware`: an object with at least one of its hooks. */
export function checkMiddleware(field: string, value: unknown): void {
  if (!value || typeof value !== "object" || !("onRequest" in value || "onResponse" in value || "onError" in value))
    throw new InvalidInputError(field, "must be an object with onRequest(), onResponse() or onError()");
}

/** Checks one call's options: header values, and that params are objects. */
function validateOptions(init: unknown): void {
  if (init === undefined) return; // a call without options: nothing to check, and it runs on every such call
  checkObject("options", init);
  const { params, headers, signal, middleware, redirect } = init as {
    params?: Record<string, unknown>;
    headers?: unknown;
    signal?: unknown;
    middleware?: unknown;
    redirect?: unknown;
  };
  checkSignal("signal", signal);
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
  for (const name in init as object)
    if (Object.hasOwn(MISPLACED, name)) throw new InvalidInputError(name, `is not a call option: ${MISPLACED[name]}`);
  if (params !== undefined) {
    checkObject("params", params);
    for (const group in params)
      if (group !== "cookie" && !(PARAM_GROUPS as readonly string[]).includes(group))
        throw new InvalidInputError(
          `params.${group}`,
          "is not a parameter group: use params.path, params.query or params.header",
        );
    for (const where of PARAM_GROUPS) if (params[where] !== undefined) checkObject(`params.${where}`, params[where]);
    if (params.header) for (const [name, value] of Object.entries(params.header)) checkHeader(`params.header.${name}`, value);
    if (params.query) for (const name in params.query) checkQueryValue(name, (params.query as Record<string, unknown>)[name]);
  }
  // A Headers object was checked by fetch as it was filled; pairs and records are checked here.
  if (headers && typeof headers === "object" && !(headers instanceof Headers))
    for (const [name, value] of Array.isArray(headers) ? headers : Object.entries(headers)) checkHeader(`headers.${name}`, value);
}

/**
 * validateOptions, with `.header` for the client's default headers. Made by a call marked pure rather
 * than by a statement (`fn.header = ...`) that a bundler must keep even where nothing uses either.
 */
export const validateRequestOptions = /* @__PURE__ */ Object.assign(validateOptions, { header: checkHeader });

/**
 * A value the API takes as a JSON object (an invocation's event, a workflow's input): one JSON
 * sends as an object, not an array, null, or what a toJSON() gives instead (a Date's string). Bytes
 * are refused too: JSON would send them as an object of numbered fields.
 */
export function checkJsonObject(field: string, value: unknown): void {
  if (isBytes(value))
    throw new InvalidInputError(field, "is bytes, which JSON would send as an object of numbered fields: send a JSON object");
  const toJSON = value && typeof value === "object" ? (value as { toJSON?: unknown }).toJSON : undefined;
  const sent = typeof toJSON === "function" ? toJSON.call(value, "") : value;
  // A Map or Set is sent as {} (unless a toJSON of its own gives something else).
  if (sent instanceof Map || sent instanceof Set)
    throw new InvalidInputError(
      field,
      `must be a JSON object (a ${sent instanceof Map ? "Map" : "Set"} is sent as {}): use a plain object`,
    );
  if (typeof sent !== "object" || sent === null || Array.isArray(sent))
    throw new InvalidInputError(
      field,
      sent === value ? "must be a JSON object" : "must be a JSON object (its toJSON() gives something else)",
    );
}

/** An invocation's event: a JSON object. */
export const checkEvent = (event: unknown): void => checkJsonObject("event", event);

/**
 * What JSON.stringify would send as something else without a word: NaN and ±Infinity as null (an
 * unset environment variable read with Number()), a Map or a Set as {}, and file contents (bytes, a
 * Blob, a stream, form data) as {} or an object of numbered fields, where the API wants Base64 text.
 */
function lossyInJson(value: unknown): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `must be a finite number, got ${value}`;
  if (value === null || typeof value !== "object") return undefined;
  if (value instanceof Map || value instanceof Set)
    return `is a ${value instanceof Map ? "Map" : "Set"}, which JSON would send as {}: use a plain object or an array`;
  const content = contentKind(value);
  return content === undefined
    ? undefined
    : `is ${content}, which JSON cannot carry: give its contents as a Base64 string (in Node, buffer.toString("base64"))`;
}

/** What kind of file contents `value` is, when it is some. */
function contentKind(value: object): string | undefined {
  if (isBytes(value)) return "bytes";
  contentClasses ??= CONTENT_CLASSES.flatMap(([name, kind]) => {
    const type = (globalThis as Record<string, unknown>)[name];
    return typeof type === "function" ? [[type, kind] as const] : [];
  });
  for (const [type, kind] of contentClasses) if (value instanceof type) return kind;
  return undefined;
}

const isBytes = (value: unknown) => ArrayBuffer.isView(value) || value instanceof ArrayBuffer;

// Looked up by name, once, at the first body: not every runtime has each of them, and on Node
// reading them loads fetch's classes (a cold start cost for programs that never send a body).
const CONTENT_CLASSES = [
  ["Blob", "a Blob"],
  ["ReadableStream", "a stream"],
  ["FormData", "form data"],
  ["URLSearchParams", "URLSearchParams"],
] as const;
let contentClasses: (readonly [Function, string])[] | undefined;

class LossyValue {
  constructor(readonly problem: string) {}
}

// JSON.stringify hands the replacer what toJSON() gave (a Buffer's { type, data }), so where that
// differs, the value as it was (on the holder) is looked at for file contents too. Only for those:
// a Map or Set with a toJSON of its own is sent as that gives it.
function refuseLossy(this: unknown, key: string, value: unknown): unknown {
  let problem = lossyInJson(value);
  if (problem === undefined && value !== null && typeof value === "object") {
    const original = (this as Record<string, unknown>)[key];
    if (original !== value && original !== null && typeof original === "object" && contentKind(original) !== undefined)
      problem = lossyInJson(original);
  }
  if (problem !== undefined) throw new LossyValue(problem);
  return value;
}

/**
 * Where the first lossy value sits (`body.environment.variables.n`), looked for only once one was
 * met, as JSON.stringify walks: each value's toJSON(key) called once (file contents looked for
 * before it), then the result's own fields.
 */
function pathToLossy(value: unknown, path: string, seen = new Set<unknown>(), key = ""): string | undefined {
  const toJSON = value !== null && typeof value === "object" ? (value as { toJSON?: unknown }).toJSON : undefined;
  const sent: unknown = typeof toJSON === "function" ? toJSON.call(value, key) : value;
  if (lossyInJson(sent) !== undefined) return path;
  if (sent === null || typeof sent !== "object") return undefined;
  // As refuseLossy: where toJSON() gave another object, file contents are looked for on the original.
  if (sent !== value && contentKind(value as object) !== undefined) return path;
  if (seen.has(sent)) return undefined;
  seen.add(sent);
  // JSON sends an array's items only, not other fields set on it.
  for (const field of Array.isArray(sent) ? Array.from(sent.keys(), String) : Object.keys(sent)) {
    const found = pathToLossy(
      (sent as Record<string, unknown>)[field],
      Array.isArray(sent) ? `${path}[${field}]` : `${path}.${field}`,
      seen,
      field,
    );
    if (found !== undefined) return found;
  }
  return undefined;
}

const asIs = (field: string) => field;

/**
 * JSON body serializer that refuses, by field, what JSON would change or cannot hold (NaN, a Map, a
 * BigInt, a cycle) instead of sending something else or failing inside fetch.
 */
export function serializeJsonBody(body: unknown): string {
  return serializeJson(body, asIs);
}

/**
 * A body serializer for a helper that builds the body from its own argument: a bad value is named
 * after that argument (`event.n`, `input.n`) rather than after the body the user never wrote.
 */
export function serializeJsonNaming(fieldOf: (bodyField: string) => string): (body: unknown) => string {
  return (body) => serializeJson(body, fieldOf);
}

/** serializeJsonBody, with `fieldOf` turning a field of the body (`body.x`) into the name to report. */
function serializeJson(body: unknown, fieldOf: (bodyField: string) => string): string {
  try {
    return JSON.stringify(body, refuseLossy);
  } catch (cause) {
    if (cause instanceof LossyValue) throw new InvalidInputError(fieldOf(pathToLossy(body, "body") ?? "body"), cause.problem);
    // V8 says "circular structure", Firefox and Safari "cyclic"; a toJSON that throws is neither.
    const why = String(cause);
    const reason =
      cause instanceof TypeError && /BigInt/i.test(why)
        ? "contains a BigInt"
        : /circular|cyclic/i.test(why)
          ? "contains a circular reference"
          : "cannot be serialised as JSON";
    throw new InvalidInputError(fieldOf("body"), reason, { cause });
  }
}

/** An invocation's body is the event itself. */
export const serializeEvent = /* @__PURE__ */ serializeJsonNaming((field) => `event${field.slice("body".length)}`);

/** A workflow execution's body is `{ input }`: only the input can hold a bad value. */
export const serializeWorkflowInput = /* @__PURE__ */ serializeJsonNaming((field) =>
  field === "body" ? "input" : field.replace(/^body\.input/, "input"),
);

/**
 * A call's own bodySerializer, refusing a stream: every attempt is signed over the body's bytes and
 * may be sent again, which a stream's body cannot be (fetch would fail on it with its own TypeError).
 */
export function refusingStreams<Serializer extends (...args: never[]) => unknown>(serialize: Serializer): Serializer {
  return ((...args: Parameters<Serializer>) => {
    const body = serialize(...args);
    if (typeof ReadableStream === "function" && body instanceof ReadableStream)
      throw new InvalidInputError(
        "bodySerializer",
        "returned a ReadableStream: a request is signed over its bytes and may be sent again, so return the bytes (a Uint8Array) or a string",
      );
    return body;
  }) as Serializer;
}
