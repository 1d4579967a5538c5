// Shape checks for the arguments of public entry points, so a wrong one is refused by name with an
// InvalidInputError instead of failing later as a TypeError from inside.
import { InvalidInputError } from "./invalid-input-error.js";

/** An options argument: an object (undefined is for the caller's default to handle). */
export function checkObject(field: string, value: unknown): void {
  if (value === null || typeof value !== "object") throw new InvalidInputError(field, "must be an object");
}

/**
 * A signal, when given, must be an AbortSignal: what fgkit uses of one (aborted, reason and its
 * abort event), so that another realm's signal or a polyfill's passes and anything else is refused.
 */
export function checkSignal(field: string, value: unknown): void {
  if (value === undefined) return;
  const signal = value as { aborted?: unknown; addEventListener?: unknown } | null;
  if (
    !signal ||
    typeof signal !== "object" ||
    typeof signal.aborted !== "boolean" ||
    typeof signal.addEventListener !== "function"
  )
    throw new InvalidInputError(field, "must be an AbortSignal");
}

export function checkFunction(field: string, value: unknown, shape: string): void {
  if (typeof value !== "function") throw new InvalidInputError(field, `must be a function ${shape}`);
}

/**
 * Refuses a key that `options` does not take: a misspelt or misplaced option (`maxRetries` for
 * `maxAttempts`, a retry setting beside `retry` rather than in it) would otherwise be ignored without
 * a word. `hints` says where a known mistake belongs; other keys get the list of options.
 */
export function checkKnownOptions(
  field: string,
  options: object,
  known: readonly string[],
  hints: Readonly<Record<string, string>> = {},
): void {
  if (typeof field !== "string") throw new InvalidInputError("field", "must be a string");
  checkObject(field || "options", options);
  if (!Array.isArray(known) || !known.every((name) => typeof name === "string"))
    throw new InvalidInputError("known", "must be an array of option names");
  checkObject("hints", hints);
  for (const key of Object.keys(options))
    if (!known.includes(key))
      throw new InvalidInputError(
        field ? `${field}.${key}` : key,
        Object.hasOwn(hints, key) ? (hints[key] as string) : `is not an option here (the options are ${known.join(", ")})`,
      );
}

/** An absolute URL as text (what a Request's or a Response's `url` holds); the value is never quoted. */
export function checkAbsoluteUrl(field: string, value: unknown): asserts value is string {
  if (typeof value !== "string") throw new InvalidInputError(field, "must be an absolute URL (a string)");
  try {
    new URL(value);
  } catch {
    throw new InvalidInputError(field, "must be an absolute URL");
  }
}
