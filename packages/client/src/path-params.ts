import { InvalidInputError } from "@fgkit/helpers";

/**
 * Encodes one path value so that it stays one segment: everything outside the unreserved set is
 * percent-encoded, except `:`, which FunctionGraph URNs need raw. A value that is only dots would be
 * resolved away by URL parsing, so it is refused.
 */
export function encodePathValue(field: string, value: unknown): string {
  if (value === undefined || value === null) throw new InvalidInputError(field, "is required");
  if (typeof value !== "string" && typeof value !== "number")
    throw new InvalidInputError(field, `must be a string or a number, got ${typeof value}`);
  if (typeof value === "number" && !Number.isFinite(value))
    throw new InvalidInputError(field, `must be a finite number, got ${value}`);
  const text = String(value);
  if (text === "") throw new InvalidInputError(field, "must not be empty");
  if (text === "." || text === "..") throw new InvalidInputError(field, `"${text}" would change the path`);
  try {
    return encodeURIComponent(text).replace(/%3A/gi, ":");
  } catch (cause) {
    // encodeURIComponent throws (a URIError) for one thing only: a UTF-16 surrogate without its pair.
    throw new InvalidInputError(field, "contains a lone UTF-16 surrogate", { cause });
  }
}

/** Fills `{name}` placeholders from the given values, with project_id supplied by the client. */
export function createPathSerializer(projectId: string) {
  return (template: string, params: Record<string, unknown>): string =>
    template.replace(/\{([^}]+)\}/g, (_, name: string) => {
      if (name === "project_id") return projectId;
      const value = params[name];
      if (value === undefined || value === null) missing(template, name, params);
      return encodePathValue(`params.path.${name}`, value);
    });
}

/** A required path value left out; a name given beside it that the path does not have is a likely misspelling. */
function missing(template: string, name: string, params: Record<string, unknown>): never {
  const names = Array.from(template.matchAll(/\{([^}]+)\}/g), (match) => match[1]);
  const strays = Object.keys(params).filter((key) => !names.includes(key));
  throw new InvalidInputError(
    `params.path.${name}`,
    strays.length === 0
      ? "is required"
      : `is required (this path has no ${strays.map((key) => `params.path.${key}`).join(", ")})`,
  );
}
