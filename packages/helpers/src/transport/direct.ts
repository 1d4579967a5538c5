// A second, cheaper entry point a transport may offer beside its fetch signature. The fetch seam
// costs a Request per attempt and a streamed Response per answer; when every layer between withRetry
// and the transport is fgkit's own (withAuth over the Node transport), they pass plain parts instead,
// and only the final Response the caller sees is built. A custom fetch never sees any of this.
import type { FetchLike } from "./types.js";

const DIRECT = Symbol.for("fgkit.direct");

/** A request as plain parts; `headers` holds lower-case names, as a fetch Headers iterates them. */
export interface DirectRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Uint8Array | null;
  /**
   * The undici Dispatcher given for this call (openapi-fetch puts a call's `dispatcher` option on
   * its request), or undefined for the transport's own.
   */
  dispatcher?: unknown;
}

/** An answer read to its end (or cut short once over `maxBytes`: `tooLarge`). */
export interface DirectResponse {
  status: number;
  statusText: string;
  /** Name, value, name, value, ... as received. */
  rawHeaders: string[];
  body: Uint8Array;
  tooLarge: boolean;
}

/** How an attempt's end reaches the transport (a LinkedSignal, without its AbortSignal). */
export interface AttemptAbort {
  readonly aborted: boolean;
  readonly reason: unknown;
  onAbort(listener: () => void): void;
  /** The same as an AbortSignal, made when first asked for (a credentials provider's context). */
  readonly signal: AbortSignal;
}

export type DirectSend = (request: DirectRequest, abort: AttemptAbort, maxBytes: number) => Promise<DirectResponse>;

type DirectFetch = FetchLike & { [DIRECT]?: DirectSend };

/** The direct entry point of a transport, when it has one. */
export function directOf(fetch: FetchLike): DirectSend | undefined {
  return (fetch as DirectFetch)[DIRECT];
}

/** A fetch with a direct entry point beside it. */
export function withDirect(fetch: FetchLike, send: DirectSend): DirectFetch {
  return Object.assign(fetch, { [DIRECT]: send });
}
