// The numeric options fgkit takes (timeouts, delays, counts, sizes), checked the same way everywhere:
// NaN (say, from an unset environment variable), a negative, infinite or fractional value would
// silently turn a limit off, poll without pause or loop for ever, so it is refused, naming the field.
import { InvalidInputError } from "./invalid-input-error.js";

/** `value` milliseconds (finite, 0 or more), or `fallback` when it is not given. */
export function checkMilliseconds(field: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
    throw new InvalidInputError(field, "must be a number of milliseconds, 0 or more");
  return value;
}

/** A whole number of at least `min`, or `fallback` when it is not given. */
export function checkWholeNumber(field: string, value: number | undefined, fallback: number, min: number): number {
  // A NaN minimum would let every number through (no comparison with NaN is true).
  if (!Number.isFinite(min)) throw new InvalidInputError("min", "must be a finite number");
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) throw new InvalidInputError(field, `must be a whole number, ${min} or more`);
  return value;
}
