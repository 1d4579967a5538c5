import { isShownAccessKey, REDACTED } from "../errors/redact.js";

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * Makes `value` (keys or a token that fgkit hands back) print and serialise with the fields at
 * `secrets` (`"sk"`, or a path such as `"credentials.sk"`) redacted, for console.log, util.inspect
 * and JSON.stringify, as a log line would show it. The fields stay readable and enumerable, so code
 * that copies or passes the object on works as before; the objects at the paths are not changed. A
 * copy saved with JSON.stringify holds "[REDACTED]", which the credential checks refuse by name.
 */
export function withSecretsHidden<T extends object>(value: T, secrets: readonly string[]): T {
  const redacted = () => redact(value, secrets);
  // Writable and configurable, as an assigned method would be: a caller may still define their own.
  const method = { writable: true, configurable: true };
  Object.defineProperty(value, "toJSON", { ...method, value: redacted });
  Object.defineProperty(value, INSPECT, {
    ...method,
    value: (_depth: number, options: object, inspect: (value: unknown, options: object) => string) =>
      inspect(redacted(), options),
  });
  return value;
}

/** A copy of `value` with each path replaced by REDACTED (objects on the way copied, not changed). */
function redact(value: object, paths: readonly string[]): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const path of paths) {
    const [head = "", ...rest] = path.split(".");
    const field = copy[head];
    if (field === undefined) continue;
    copy[head] = rest.length === 0 ? REDACTED : field && typeof field === "object" ? redact(field, [rest.join(".")]) : field;
    // Beside a hidden sk, an ak that looks like a secret key (the pair swapped) is hidden too.
    if (head === "sk" && rest.length === 0 && typeof copy.ak === "string" && !isShownAccessKey(copy.ak)) copy.ak = REDACTED;
  }
  return copy;
}
