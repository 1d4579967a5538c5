import { InvalidInputError } from "@fgkit/helpers";

// Characters a header value cannot carry: CR, LF, NUL and other controls, or non-Latin-1.
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function checkHeader(field: string, value: unknown): void {
  if (value === undefined || value === null) return;
  const name = field.slice(field.lastIndexOf(".") + 1);
  if (!HEADER_NAME.test(name)) throw new InvalidInputError(field, "is not a valid header name");
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
    throw new InvalidInputError(field, `must be a string, number or boolean, got ${typeof value}`);
  if (BAD_HEADER_VALUE.test(String(value)))
    throw new InvalidInputError(field, "contains CR, LF or another character a header cannot carry");
}

/** Checks one call's options: header values, and that params are objects. */
export function validateRequestOptions(init: unknown): void {
  if (init === undefined) return;
  if (!init || typeof init !== "object") throw new InvalidInputError("options", "must be an object");
  const { params, headers } = init as { params?: Record<string, unknown>; headers?: unknown };
  if (params !== undefined) {
    if (!params || typeof params !== "object") throw new InvalidInputError("params", "must be an object");
    for (const where of ["path", "query", "header"] as const) {
      const group = params[where];
      if (group !== undefined && (group === null || typeof group !== "object"))
        throw new InvalidInputError(`params.${where}`, "must be an object");
    }
    for (const [name, value] of Object.entries((params.header as Record<string, unknown>) ?? {}))
      checkHeader(`params.header.${name}`, value);
  }
  if (headers && typeof headers === "object" && !(headers instanceof Headers)) {
    const entries = Array.isArray(headers) ? (headers as [string, unknown][]) : Object.entries(headers);
    for (const [name, value] of entries) checkHeader(`headers.${name}`, value);
  }
}
validateRequestOptions.header = checkHeader;

/** JSON body serializer that turns a BigInt or a cycle into a clear error instead of a crash inside fetch. */
export function serializeJsonBody(body: unknown): string {
  try {
    return JSON.stringify(body);
  } catch (cause) {
    const reason =
      cause instanceof TypeError && /BigInt/i.test(cause.message)
        ? "contains a BigInt"
        : /circular/i.test(String(cause))
          ? "contains a circular reference"
          : "cannot be serialised as JSON";
    throw new InvalidInputError("body", reason, { cause });
  }
}
