// An attempt that ended before its request was written: no connection was ready within the
// attempt's time (a connect that hangs, or a call queued behind a capped pool). The transport knows
// it (undici calls a handler's onConnect just before it writes the request), and withRetry sends
// such a request again whatever the method: the server never saw it.
import { hasBrand } from "../errors/branded-instance.js";

const BRAND = Symbol.for("fgkit.NotSent");

export class NotSent extends Error {
  override readonly name = "NotSent";

  /** Works across copies of this module (the package's tests meet its source and its build). */
  static isInstance(value: unknown): value is NotSent {
    return hasBrand(value, BRAND);
  }

  get [BRAND](): true {
    return true;
  }
}

/**
 * Marks an error (left as it is otherwise: fetch's own "fetch failed", its cause kept) as the failure of
 * an attempt that wrote nothing: its connection failed before the request went out (a TLS handshake
 * the server reset, say). NotSent.isInstance answers true for it.
 */
export function markNotSent<E extends object>(error: E): E {
  Object.defineProperty(error, BRAND, { value: true });
  return error;
}
