// The cursor rules of FunctionGraph's list styles, for paginate()'s `next`.

/** marker/next_marker (and page_info.next_marker): the next marker, unless it is absent or the count is reached. */
export function nextMarker(next: number | string | undefined | null, seenSoFar?: number, total?: number): string | undefined {
  if (next === undefined || next === null || next === "") return undefined;
  if (total !== undefined && seenSoFar !== undefined && seenSoFar >= total) return undefined;
  return String(next);
}

/** offset/limit with a total: the next offset, until the total is reached. */
export function nextOffset(offset: number, received: number, total: number | undefined): number | undefined {
  const next = offset + received;
  return total !== undefined && next >= total ? undefined : next;
}
