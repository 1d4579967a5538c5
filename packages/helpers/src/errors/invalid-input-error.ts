import { hasBrand, instanceOfBranded } from "./branded-instance.js";

const BRAND = Symbol.for("fgkit.InvalidInputError");

/**
 * Thrown before any request is sent when an argument cannot be used. `field` names the offending
 * input (`credentials.sk`, `params.path.function_urn`, `headers.X-Custom`, ...). The message never
 * contains the rejected value when that value may be a secret.
 */
export class InvalidInputError extends TypeError {
  override readonly name = "InvalidInputError";

  // A bundler renames a class that refers to itself (esbuild: `class _InvalidInputError`), and Node prints an
  // error by its class's name: `console.log(error)` and an uncaught error would show `_InvalidInputError`.
  static {
    Object.defineProperty(InvalidInputError, "name", { value: "InvalidInputError" });
  }
  readonly field: string;

  constructor(field: string, problem: string, options?: { cause?: unknown }) {
    // String(): a Symbol given as the field would make the template throw a TypeError of its own.
    super(`${String(field)}: ${String(problem)}`, options);
    this.field = String(field);
  }

  /** Works across duplicated copies of the package, where `instanceof` does not. */
  static isInstance(value: unknown): value is InvalidInputError {
    return hasBrand(value, BRAND);
  }

  /** `instanceof InvalidInputError` holds across copies of the package too (see FunctionGraphError). */
  static [Symbol.hasInstance]<T>(this: abstract new (...args: never[]) => T, value: unknown): value is T {
    // biome-ignore lint/complexity/noThisInStatic: the class instanceof was asked about, this one or a subclass
    return instanceOfBranded(this, InvalidInputError, InvalidInputError.isInstance, value);
  }

  get [BRAND](): true {
    return true;
  }

  /** For structured logs: JSON.stringify would leave out `message`. */
  toJSON(): { name: string; message: string; field: string } {
    return { name: this.name, message: this.message, field: this.field };
  }
}
