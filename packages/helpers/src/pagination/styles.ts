// The cursor rules of FunctionGraph's list styles, for paginate()'s `next`.
import { InvalidInputError } from "../errors/invalid-input-error.js";

/** marker/next_marker (and page_info.next_marker): the next marker, unless it is absent or the count is reached. */
export function nextMarker(next: number | string | undefined | null, seenSoFar?: number, total?: number): string | undefined {
  // A marker goes into the query as text: "[object Object]" or "NaN" would be sent as one.
  if (next !== undefined && next !== null && typeof next !== "string" && !(typeof next === "number" && Number.isFinite(next)))
    throw new InvalidInputError("next", "must be a marker: a string or a finite number (or undefined at the end)");
  checkCount("seenSoFar", seenSoFar);
  checkCount("total", total);
  if (next === undefined || next === null || next === "") return undefined;
  if (isGiven(total) && isGiven(seenSoFar) && seenSoFar >= total) return undefined;
  return String(next);
}

/** offset/limit with a total: the next offset, until the total is reached. */
export function nextOffset(offset: number, received: number, total: number | undefined): number | undefined {
  // "1" + 2 would be "12", and NaN would end no walk.
  checkCount("offset", offset, { required: true });
  checkCount("received", received, { required: true });
  checkCount("total", total);
  const next = offset + received;
  return isGiven(total) && next >= total ? undefined : next;
}

/** An API answers "no count" with null as often as by leaving it out: both are taken as not given. */
const isGiven = (count: number | null | undefined): count is number => count !== undefined && count !== null;

/** An offset or a count: a whole number, 0 or more (or, unless required, not given). */
function checkCount(field: string, value: unknown, { required = false } = {}): void {
  if (!required && (value === undefined || value === null)) return;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0)
    throw new InvalidInputError(field, "must be a whole number, 0 or more");
}
