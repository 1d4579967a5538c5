// Sample values made from the spec's schemas: every property filled (nested objects, arrays, maps),
// strings made of the field's name and the caller's text (non-ASCII and quotes in bodies), so that
// both SDKs have something to get wrong.

export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface Parameter {
  $ref?: string;
  name: string;
  in: "path" | "query" | "header";
  schema: Schema;
  /** Set on a parameter the API reference documents but the official SDK cannot send yet. */
  "x-fgkit-not-in-official-sdk"?: boolean;
}

interface OperationObject {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { $ref?: string; content?: Record<string, { schema: Schema }> };
}

export interface Spec {
  paths: Record<string, { parameters?: Parameter[] } & Record<string, OperationObject | Parameter[] | undefined>>;
}

/** Follows local `$ref`s (`#/components/...`). */
export function resolve<T extends { $ref?: string }>(spec: Spec, value: T): T {
  let current: T = value;
  for (let hops = 0; current.$ref !== undefined && hops < 20; hops++) {
    const target = current.$ref
      .slice(2)
      .split("/")
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], spec);
    current = target as T;
  }
  return current;
}

const MAX_DEPTH = 8;

/** A value for `schema`; `text` is the string used for plain string fields (with the field's name). */
export function sampleOf(spec: Spec, schema: Schema, text: string, name = "value", depth = 0): unknown {
  const resolved = resolve(spec, schema);
  if (resolved.allOf) return Object.assign({}, ...resolved.allOf.map((part) => sampleOf(spec, part, text, name, depth)));
  const choice = resolved.oneOf ?? resolved.anyOf;
  if (choice?.[0]) return sampleOf(spec, choice[0], text, name, depth);
  if (resolved.enum) return resolved.enum[0];
  const type = Array.isArray(resolved.type) ? resolved.type.find((t) => t !== "null") : resolved.type;
  switch (type) {
    case "string":
      return resolved.format === "date-time" ? "2026-11-30T04:05:06Z" : `${name} ${text}`;
    case "integer":
      return 7;
    case "number":
      return 1.5;
    case "boolean":
      return true;
    case "array":
      return depth > MAX_DEPTH || !resolved.items ? [] : [sampleOf(spec, resolved.items, text, name, depth + 1)];
    default: {
      if (depth > MAX_DEPTH) return {};
      const object: Record<string, unknown> = {};
      for (const [key, property] of Object.entries(resolved.properties ?? {}))
        object[key] = sampleOf(spec, property, text, key, depth + 1);
      const extra = resolved.additionalProperties;
      if (typeof extra === "object") object["key é"] = sampleOf(spec, extra, text, "entry", depth + 1);
      else if (extra === true && !resolved.properties) object["key é"] = "any value";
      return object;
    }
  }
}
