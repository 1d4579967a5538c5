// An attempt that ended before its request was written: no connection was ready within the
// attempt's time (a connect that hangs, or a call queued behind a capped pool). The transport knows
// it (undici calls a handler's onConnect just before it writes the request), and withRetry sends
// such a request again whatever the method: the server never saw it.
const BRAND = Symbol.for("fgkit.NotSent");

export class NotSent extends Error {
  override readonly name = "NotSent";

  /** Works across copies of this module (the package's tests meet its source and its build). */
  static isInstance(value: unknown): value is NotSent {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  get [BRAND](): true {
    return true;
  }
}
