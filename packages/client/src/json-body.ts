// Request bodies as JSON. What JSON.stringify would send as something else without a word (NaN as
// null, a Map as {}, bytes as numbered fields, a forgotten await as {}) is refused, naming the field,
// before anything is sent.
import { InvalidInputError } from "@fgkit/helpers";

/**
 * A value the API takes as a JSON object (an invocation's event, a workflow's input): one JSON
 * sends as an object, not an array, null, or what a toJSON() gives instead (a Date's string). Bytes
 * are refused too: JSON would send them as an object of numbered fields.
 */
export function checkJsonObject(field: string, value: unknown): void {
  // JSON would send a Promise as {}: the value it will have is what was meant.
  if (isThenable(value)) throw new InvalidInputError(field, "is a Promise; await it first");
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
    throw new InvalidInputError(field, sent === value ? notAnObject(value) : TO_JSON_GIVES_OTHER);
}

const TO_JSON_GIVES_OTHER = "must be a JSON object (its toJSON() gives something else)";

/** Why a value JSON would not send as an object is refused; an object here is one whose toJSON() gives something else. */
function notAnObject(value: unknown): string {
  if (typeof value === "string") return "is a string: give the object itself, which fgkit sends as JSON";
  if (Array.isArray(value)) return "must be a JSON object, not an array";
  if (value !== null && typeof value === "object") return TO_JSON_GIVES_OTHER;
  return `must be a JSON object, not ${value === null || value === undefined ? String(value) : `a ${typeof value}`}`;
}

/** An invocation's event: a JSON object. */
export const checkEvent = (event: unknown): void => checkJsonObject("event", event);

/**
 * What JSON.stringify would send as something else without a word: NaN and ±Infinity as null (an
 * unset environment variable read with Number()), a Map or a Set as {}, a Promise (a missing await)
 * as {}, a function or a Symbol as nothing (or null in an array), and file contents (bytes, a Blob,
 * a stream, form data) as {} or an object of numbered fields, where the API wants Base64 text.
 * `value` is what toJSON() gave, if anything did: see lossyBehindToJson for what that hides.
 */
function lossyInJson(value: unknown, inObject = false): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : `must be a finite number, got ${value}`;
  // JSON.stringify would throw (a BigInt with a toJSON of its own reaches here as what that gives).
  if (typeof value === "bigint") return "is a BigInt, which JSON cannot hold: give it as a number or a string";
  // A function or Symbol field of an object is left out, as JSON leaves out a model's methods and
  // arrow-function fields (which code relies on); as the body itself, or an array's item (sent as
  // null), it is refused.
  if ((typeof value === "function" || typeof value === "symbol") && !inObject)
    return `is a ${typeof value === "function" ? "function" : "Symbol"}, which JSON would leave out: give the value itself`;
  if (value === null || typeof value !== "object") return undefined;
  if (isThenable(value)) return "is a Promise (missing await?)";
  if (value instanceof Map || value instanceof Set)
    return `is a ${value instanceof Map ? "Map" : "Set"}, which JSON would send as {}: use a plain object or an array`;
  const content = contentKind(value);
  return content === undefined
    ? undefined
    : `is ${content}, which JSON cannot carry: give its contents as a Base64 string (in Node, buffer.toString("base64"))`;
}

/**
 * What a toJSON() hides that is still lossy: an invalid Date (its toJSON gives null), and file
 * contents (a Buffer's gives { type, data }). A Map or Set with a toJSON of its own is sent as that
 * gives it, so it is not looked at again.
 */
function lossyBehindToJson(original: unknown): string | undefined {
  if (original instanceof Date)
    return Number.isNaN(original.getTime()) ? "is an invalid Date, which JSON would send as null" : undefined;
  return original !== null && typeof original === "object" && contentKind(original) !== undefined
    ? lossyInJson(original)
    : undefined;
}

const isThenable = (value: unknown): boolean =>
  value !== null && typeof value === "object" && typeof (value as { then?: unknown }).then === "function";

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

export const isBytes = (value: unknown): boolean => ArrayBuffer.isView(value) || value instanceof ArrayBuffer;

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

// JSON.stringify hands the replacer what toJSON() gave (a Buffer's { type, data }, an invalid Date's
// null), so where that differs, the value as it was (on the holder) is looked at too.
function refuseLossy(this: unknown, key: string, value: unknown): unknown {
  let problem = lossyInJson(value, key !== "" && !Array.isArray(this));
  if (problem === undefined && (value === null || typeof value === "object")) {
    const original = (this as Record<string, unknown>)[key];
    if (original !== value) problem = lossyBehindToJson(original);
  }
  if (problem !== undefined) throw new LossyValue(problem);
  return value;
}

/**
 * Where the first lossy value sits (`body.environment.variables.n`), looked for only once one was
 * met, as JSON.stringify walks: each value's toJSON(key) called once (what it hides looked at
 * too), then the result's own fields.
 */
function pathToLossy(value: unknown, path: string, seen = new Set<unknown>(), key = "", inObject = false): string | undefined {
  // JSON.stringify asks a BigInt for its toJSON too (one the program gave BigInt.prototype).
  const toJSON =
    (value !== null && typeof value === "object") || typeof value === "bigint"
      ? (value as { toJSON?: unknown }).toJSON
      : undefined;
  const sent: unknown = typeof toJSON === "function" ? toJSON.call(value, key) : value;
  if (lossyInJson(sent, inObject) !== undefined) return path;
  // As refuseLossy: only where toJSON() gave null or an object (bytes it gives as text are sent so).
  if (sent !== value && (sent === null || typeof sent === "object") && lossyBehindToJson(value) !== undefined) return path;
  if (sent === null || typeof sent !== "object") return undefined;
  if (seen.has(sent)) return undefined;
  seen.add(sent);
  // JSON sends an array's items only, not other fields set on it.
  for (const field of Array.isArray(sent) ? Array.from(sent.keys(), String) : Object.keys(sent)) {
    const found = pathToLossy(
      (sent as Record<string, unknown>)[field],
      Array.isArray(sent) ? `${path}[${field}]` : `${path}.${field}`,
      seen,
      field,
      !Array.isArray(sent),
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
  let json: string;
  try {
    json = JSON.stringify(body, refuseLossy);
  } catch (cause) {
    if (cause instanceof LossyValue) throw new InvalidInputError(fieldOf(pathToLossy(body, "body") ?? "body"), cause.problem);
    // V8 says "circular structure", Firefox and Safari "cyclic"; a toJSON that throws is neither.
    const reason = /circular|cyclic/i.test(String(cause)) ? "contains a circular reference" : "cannot be serialised as JSON";
    throw new InvalidInputError(fieldOf("body"), reason, { cause });
  }
  // Every body the API takes is a JSON object. JSON text given as the body (a habit from fetch) would
  // be sent again as one JSON string, and refused by the API with a 400 that does not say why.
  if (json?.charCodeAt(0) !== 123 /* { */) throw new InvalidInputError(fieldOf("body"), notAnObject(body));
  return json;
}

/** An invocation's body is the event itself. */
export const serializeEvent = /* @__PURE__ */ serializeJsonNaming((field) => `event${field.slice("body".length)}`);

/** A workflow execution's body is `{ input }`: only the input can hold a bad value. */
export const serializeWorkflowInput = /* @__PURE__ */ serializeJsonNaming((field) =>
  field === "body" ? "input" : field.replace(/^body\.input/, "input"),
);
