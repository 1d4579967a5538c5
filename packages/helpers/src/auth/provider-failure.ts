// A credentials provider's own failure (the metadata service's client threw, a custom provider
// rejected) is marked on its way through withAuth, so that withRetry reports it as CredentialsError
// rather than as a network failure of the call. fgkit's own errors pass unmarked: a
// FunctionGraphError from IAM or the metadata service already names that exchange, and an
// InvalidInputError names the bad value.
import { hasBrand } from "../errors/branded-instance.js";
import { FunctionGraphError } from "../errors/function-graph-error.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";

const BRAND = Symbol.for("fgkit.ProviderFailure");

export class ProviderFailure extends Error {
  override readonly name = "ProviderFailure";

  /** Works across copies of this module (the package's tests meet its source and its build). */
  static isInstance(value: unknown): value is ProviderFailure {
    return hasBrand(value, BRAND);
  }

  get [BRAND](): true {
    return true;
  }
}

const marked = (error: unknown): unknown =>
  FunctionGraphError.isInstance(error) || InvalidInputError.isInstance(error)
    ? error
    : new ProviderFailure(error instanceof Error ? error.message : String(error), { cause: error });

/**
 * Calls a provider; a value comes back as it is (no promise added), a thenable as a Promise, and a
 * failure marked.
 */
export function fromProvider<T>(provide: () => T | PromiseLike<T>): T | Promise<T> {
  let value: T | PromiseLike<T>;
  try {
    value = provide();
  } catch (error) {
    throw marked(error);
  }
  return typeof (value as PromiseLike<T> | null)?.then === "function"
    ? Promise.resolve(value).catch((error: unknown) => Promise.reject(marked(error)))
    : (value as T);
}
