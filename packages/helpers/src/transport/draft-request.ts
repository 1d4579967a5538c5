// What fgkit's client hands its retry layer instead of a Request when nothing needs a real one (no
// openapi-fetch middleware, no per-call fetch): the same parts, without the cost of building a
// Request and its AbortSignal on every call. withRetry sends them through a direct transport as
// they are, and builds the Request (toRequest) for any transport that takes one.

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

export const isDraftRequest = (value: unknown): value is DraftParts =>
  typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[DRAFT] === true;

export class DraftRequest implements DraftParts {
  readonly url: string;
  readonly parsedUrl: URL;
  readonly method: string;
  readonly headers: Headers;
  readonly body: BodyInit | null;
  /** The caller's signal, when one was given (a Request would make one that never aborts). */
  readonly signal: AbortSignal | undefined;
  readonly #init: RequestInit;

  /** Takes what `new Request(input, init)` takes, and refuses what it would refuse. */
  constructor(input: string | URL, init: RequestInit = {}) {
    let method = init.method ?? "GET";
    const body = init.body ?? null;
    // Anything unusual (TRACE, a lower-case method, a body on GET): a Request checks it (and throws
    // where it would) and normalises the method.
    if (!PLAIN_METHODS.has(method) || (body !== null && (method === "GET" || method === "HEAD")))
      method = new Request(input, init).method;
    this.parsedUrl = parseUrl(input);
    this.url = this.parsedUrl.href;
    this.method = method;
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers);
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
  if (typeof input !== "string") return new URL(input);
  let url = parsedUrls.get(input);
  if (url === undefined) {
    url = new URL(input);
    if (parsedUrls.size >= 64) parsedUrls.clear();
    parsedUrls.set(input, url);
  }
  return url;
}
