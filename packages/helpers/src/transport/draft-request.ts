// What fgkit's client hands its retry layer instead of a Request when nothing needs a real one (no
// openapi-fetch middleware, no per-call fetch): the same parts, without the cost of building a
// Request and its AbortSignal on every call. withRetry sends them through a direct transport as
// they are, and builds the Request (toRequest) for any transport that takes one.

import { checkSignal } from "../errors/argument-checks.js";
import { hasBrand } from "../errors/branded-instance.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";

// Methods a Request keeps as given and that may carry a body, so no Request is needed to check them.
const PLAIN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"]);

/** A DraftRequest as the layers that read it see it. */
export interface DraftParts {
  readonly url: string;
  readonly parsedUrl: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly signal: AbortSignal | undefined;
  bytesNow(): Uint8Array<ArrayBuffer> | null | undefined;
  toRequest(): Request;
}

// Recognised by this mark rather than instanceof, which fails across two copies of the package.
const DRAFT = Symbol.for("fgkit.DraftRequest");

export const isDraftRequest = (value: unknown): value is DraftParts => hasBrand(value, DRAFT);

export class DraftRequest implements DraftParts {
  readonly url: string;
  readonly parsedUrl: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null;
  /** The caller's signal, when one was given (a Request would make one that never aborts). */
  readonly signal: AbortSignal | undefined;
  readonly #init: RequestInit;

  /**
   * Takes what `new Request(input, init)` takes (an absolute URL; init an object, or null or
   * undefined for none), and refuses what it would refuse, as an InvalidInputError naming the part
   * (never quoting a header's value: it may be a token).
   */
  constructor(input: string | URL, given?: RequestInit | null) {
    if (given !== undefined && given !== null && typeof given !== "object")
      throw new InvalidInputError("init", "must be an object (a RequestInit), or null or undefined for none");
    const init = given ?? {};
    this.parsedUrl = parseUrl(input);
    this.url = this.parsedUrl.href;
    let method = init.method ?? "GET";
    if (typeof method !== "string") throw new InvalidInputError("init.method", "must be a string such as GET or POST");
    const body = init.body ?? null;
    this.headers = init.headers instanceof Headers ? init.headers : headersOf(init.headers);
    checkSignal("init.signal", init.signal ?? undefined);
    // Anything unusual (TRACE, a lower-case method, a body on GET): a Request checks it (and throws
    // where it would) and normalises the method.
    if (!PLAIN_METHODS.has(method) || (body !== null && (method === "GET" || method === "HEAD")))
      method = requestMethod(this.url, init, method, body);
    this.method = method;
    this.body = body;
    this.signal = init.signal ?? undefined;
    this.#init = init;
  }

  get [DRAFT](): true {
    return true;
  }

  /** The Request these parts describe. */
  toRequest(): Request {
    return new Request(this.url, { ...this.#init, headers: this.headers });
  }

  /** The body's bytes when they can be had at once (no body, or a string); undefined otherwise. */
  bytesNow(): Uint8Array<ArrayBuffer> | null | undefined {
    if (this.body === null) return null;
    if (typeof this.body === "string") return encoder.encode(this.body);
    return undefined;
  }
}

const encoder = new TextEncoder();

// Parsed URLs of recent calls: a client sends the same few URLs over and over, and parsing one costs
// about a microsecond. Nothing changes a parsed URL after this (the layers below only read it).
const parsedUrls = new Map<string, URL>();

function parseUrl(input: string | URL): URL {
  if (typeof input !== "string") {
    if (!(input instanceof URL)) throw new InvalidInputError("input", "must be an absolute URL (a string or a URL)");
    return new URL(input);
  }
  let url = parsedUrls.get(input);
  if (url === undefined) {
    try {
      url = new URL(input);
    } catch {
      // Not quoted: a URL may carry a credential in its query or user information.
      throw new InvalidInputError("input", "must be an absolute URL");
    }
    if (parsedUrls.size >= 64) parsedUrls.clear();
    parsedUrls.set(input, url);
  }
  return url;
}

/** The headers of `init`; fetch's own error would quote the value it refused, which may be a token. */
function headersOf(headers: HeadersInit | undefined): Headers {
  try {
    return new Headers(headers);
  } catch {
    throw new InvalidInputError(
      "init.headers",
      "must be a Headers, [name, value] pairs or a record, of names and values a header can carry (no CR, LF or other control characters)",
    );
  }
}

// What fetch refuses to send, whatever its case (the spec's forbidden methods).
const FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);
// An HTTP method is a token (RFC 9110): no spaces, separators or control characters.
const METHOD_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A method other than the plain ones, or a body on GET or HEAD: checked, then normalised as a Request does. */
function requestMethod(url: string, init: RequestInit, method: string, body: BodyInit | null): string {
  const upper = method.toUpperCase();
  if (!METHOD_TOKEN.test(method) || FORBIDDEN_METHODS.has(upper))
    throw new InvalidInputError("init.method", "must be an HTTP method fetch can send (GET, POST, PUT, DELETE, ...)");
  if (body !== null && (upper === "GET" || upper === "HEAD"))
    throw new InvalidInputError("init.body", `a ${upper} request has no body`);
  try {
    return new Request(url, init).method;
  } catch (cause) {
    // What is left (mode, cache, ... not among fetch's values) is no secret: its message is kept.
    throw new InvalidInputError("init", `is refused by fetch: ${(cause as Error).message}`, { cause });
  }
}
