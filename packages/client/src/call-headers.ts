// A call's headers in the shapes fetch and openapi-fetch's type accept, turned into one openapi-fetch
// sends as meant (they were checked before, in request-validation.ts).

/**
 * What to give openapi-fetch for a call's `headers`, or undefined to give them as they are.
 * - [name, value] pairs: openapi-fetch reads a record or a Headers, and would send pairs as headers
 *   named 0, 1, ...
 * - a record with an array of values: openapi-fetch would append them to the client's value of that
 *   header; here, like any call header, they replace it, joined by ", " as fetch joins values.
 *   An empty array gives no value, as undefined does.
 */
export function callHeaders(headers: unknown): HeadersInit | undefined {
  if (Array.isArray(headers))
    return new Headers((headers as [string, unknown][]).map(([name, value]): [string, string] => [name, String(value)]));
  if (!headers || typeof headers !== "object" || !Object.values(headers).some(Array.isArray)) return undefined;
  const joined: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers))
    joined[name] = !Array.isArray(value) ? value : value.length > 0 ? value.map(String).join(", ") : undefined;
  return joined as HeadersInit;
}
