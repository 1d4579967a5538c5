import { hasBrand, instanceOfBranded } from "./branded-instance.js";
import { InvalidInputError } from "./invalid-input-error.js";
import { redactHeaders, redactUrl } from "./redact.js";

export interface ErrorRequestInfo {
  method: string;
  url: string;
  /** A copy with Authorization's signature, X-Auth-Token and X-Security-Token redacted. */
  headers: Record<string, string>;
}

export interface ErrorResponseInfo {
  status: number;
  headers: Record<string, string>;
  /** The parsed JSON body, or the text when it was not JSON, or undefined when empty. */
  data: unknown;
}

/**
 * A FunctionGraphError's `code`: one of fgkit's own (named here, so that editors suggest them), or the
 * API's error code from the answer (`FSS.0404`, `APIGW.0301`, ...), which is any string.
 */
export type FunctionGraphErrorCode =
  | "NetworkError"
  | "Timeout"
  | "Aborted"
  | "CredentialsError"
  | "Redirect"
  | "InvalidResponseBody"
  | "ResponseTooLarge"
  | "PaginationLoop"
  | "WaiterFailure"
  | "WaiterTimeout"
  | (string & {});

export interface FunctionGraphErrorOptions {
  status: number;
  code?: FunctionGraphErrorCode | undefined;
  requestId?: string | undefined;
  attempts?: number | undefined;
  request?: Request | ErrorRequestInfo | undefined;
  response?: ErrorResponseInfo | undefined;
  cause?: unknown;
}

const BRAND = Symbol.for("fgkit.FunctionGraphError");

/**
 * The one error fgkit throws for a failed call: an HTTP error answer (status, the API's error code
 * and message, request id), or no answer at all (status 0: network failure, timeout, abort).
 * Secrets in the request are redacted on a copy; the caller's objects are never changed.
 */
export class FunctionGraphError extends Error {
  override readonly name = "FunctionGraphError";

  // A bundler renames a class that refers to itself (esbuild: `class _FunctionGraphError`), and Node prints an
  // error by its class's name: `console.log(error)` and an uncaught error would show `_FunctionGraphError`.
  static {
    Object.defineProperty(FunctionGraphError, "name", { value: "FunctionGraphError" });
  }
  // Declared, not initialised: the constructor sets each one (no field list in the emitted class).
  /** HTTP status, or 0 when no response came. */
  declare readonly status: number;
  /**
   * The API's error code (`FSS.0404`, `APIGW.0301`, ...), or one of fgkit's: `NetworkError`, `Timeout`,
   * `Aborted`, `CredentialsError`, `Redirect`, `InvalidResponseBody`, `ResponseTooLarge`,
   * `PaginationLoop`, `WaiterFailure`, `WaiterTimeout`.
   */
  declare readonly code: FunctionGraphErrorCode | undefined;
  /** From `X-Request-Id`, `X-Cff-Request-Id` or `X-Apig-Request-Id`, else an error body's `request_id`. */
  declare readonly requestId: string | undefined;
  /** How many attempts were made, retries included. */
  declare readonly attempts: number;
  declare readonly request: ErrorRequestInfo | undefined;
  declare readonly response: ErrorResponseInfo | undefined;

  /** `options` may be left out (a test's stand-in error, say): status 0, nothing else known. */
  constructor(message: string, given?: FunctionGraphErrorOptions) {
    const options = given ?? { status: 0 };
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const { request } = options;
    this.status = options.status;
    this.code = options.code;
    this.requestId = options.requestId;
    this.attempts = options.attempts ?? 1;
    // Built field by field: a request from another fetch implementation (undici's own package) keeps
    // its method and URL behind getters, which a spread would lose.
    this.request =
      request instanceof Request
        ? describeRequest(request)
        : request && {
            method: request.method,
            // A URL object too (a stand-in built by hand): what is shown is its text, redacted.
            url: request.url === undefined || request.url === null ? request.url : redactUrl(String(request.url)),
            headers: request.headers ? redactHeaders(headersGiven("request.headers", request.headers)) : {},
          };
    const { response } = options;
    this.response = response && {
      ...response,
      headers: response.headers && redactHeaders(headersGiven("response.headers", response.headers)),
    };
  }

  /** Works across duplicated copies of the package, where `instanceof` does not. */
  static isInstance(value: unknown): value is FunctionGraphError {
    return hasBrand(value, BRAND);
  }

  /**
   * `instanceof FunctionGraphError` holds for an error from another copy of the package too (the
   * CommonJS build beside the ESM one); a subclass of yours keeps the ordinary check.
   */
  static [Symbol.hasInstance]<T>(this: abstract new (...args: never[]) => T, value: unknown): value is T {
    // biome-ignore lint/complexity/noThisInStatic: the class instanceof was asked about, this one or a subclass
    return instanceOfBranded(this, FunctionGraphError, FunctionGraphError.isInstance, value);
  }

  get [BRAND](): true {
    return true;
  }

  /** For structured logs: JSON.stringify would leave out `message` (not an own enumerable field). */
  toJSON(): Record<string, unknown> {
    const { name, message, status, code, requestId, attempts, request, response } = this;
    return { name, message, status, code, requestId, attempts, request, response };
  }
}

/** `GET /v2/.../fgs/functions`: how every message about one call begins (no host, no query). */
export function callLabel(request: { method: string; url: string }): string {
  let path: string;
  try {
    path = new URL(request.url).pathname;
  } catch {
    // A stand-in request of the caller's own with a relative or broken URL: its text, redacted.
    path = redactUrl(String(request.url)).replace(/[?#].*$/s, "");
  }
  return `${request.method} ${path}`;
}

/** Headers as an error's options may give them (a Headers, a record, name/value pairs), or a clear refusal. */
function headersGiven<T>(field: string, headers: T): T {
  if (typeof headers !== "object" || headers === null)
    throw new InvalidInputError(field, "must be a Headers, a record of header values, or name/value pairs");
  return headers;
}

export function describeRequest(request: Request): ErrorRequestInfo {
  return { method: request.method, url: redactUrl(request.url), headers: redactHeaders(request.headers) };
}
