// Response headers kept as the name/value list Node's parser produced, until something needs more
// than get() or has(). Filling a fetch Headers validates and stores every header (several µs per
// answer), while a call usually asks for two or three of them (openapi-fetch reads Content-Length
// and Transfer-Encoding). The first other use (iteration, a change, inspection) fills the real
// Headers underneath, and from then on it is an ordinary Headers. Node only: the direct transport.

import { trimHttpWhitespace } from "../signing/canonical.js";

/** Name, value, name, value, ... as received (names in any case, repeated names kept). */
export type RawHeaderList = readonly string[];

// A header name as fetch accepts one (RFC 9110 token); anything else goes to Headers, which throws.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** What Headers#get answers for `name` (lower-case): repeated values joined by ", ", or null. */
export function rawHeaderValue(raw: RawHeaderList, name: string): string | null {
  let found: string | null = null;
  for (let i = 0; i < raw.length; i += 2) {
    const candidate = raw[i] as string;
    if (candidate.length !== name.length || candidate.toLowerCase() !== name) continue;
    // Node's parser leaves no CR or LF in a value, so trimming spaces and tabs is what Headers would do.
    const value = trimHttpWhitespace(raw[i + 1] as string);
    found = found === null ? value : `${found}, ${value}`;
  }
  return found;
}

type RawHeadersClass = new (raw: RawHeaderList) => Headers;
let RawHeadersClass: RawHeadersClass | undefined;

/** A Headers over `raw`, filled only when something other than get() or has() needs it. */
export function headersOverRaw(raw: RawHeaderList): Headers {
  RawHeadersClass ??= defineRawHeaders();
  return new RawHeadersClass(raw);
}

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

// Defined at first use: reading globalThis.Headers makes Node load undici.
function defineRawHeaders(): RawHeadersClass {
  class RawHeaders extends Headers {
    #raw: RawHeaderList | undefined;

    constructor(raw: RawHeaderList) {
      super();
      this.#raw = raw;
    }

    /** Moves the list into the Headers underneath (once). */
    #fill(): void {
      const raw = this.#raw;
      if (raw === undefined) return;
      this.#raw = undefined;
      for (let i = 0; i < raw.length; i += 2) super.append(raw[i] as string, raw[i + 1] as string);
    }

    override get(name: string): string | null {
      if (this.#raw !== undefined && typeof name === "string" && TOKEN.test(name))
        return rawHeaderValue(this.#raw, name.toLowerCase());
      this.#fill();
      return super.get(name);
    }

    override has(name: string): boolean {
      if (this.#raw !== undefined && typeof name === "string" && TOKEN.test(name))
        return rawHeaderValue(this.#raw, name.toLowerCase()) !== null;
      this.#fill();
      return super.has(name);
    }

    override append(name: string, value: string): void {
      this.#fill();
      super.append(name, value);
    }

    override set(name: string, value: string): void {
      this.#fill();
      super.set(name, value);
    }

    override delete(name: string): void {
      this.#fill();
      super.delete(name);
    }

    override getSetCookie(): string[] {
      this.#fill();
      return super.getSetCookie();
    }

    override forEach(callback: (value: string, key: string, parent: Headers) => void, thisArg?: unknown): void {
      this.#fill();
      super.forEach(callback, thisArg);
    }

    override entries(): HeadersIterator<[string, string]> {
      this.#fill();
      return super.entries();
    }

    override keys(): HeadersIterator<string> {
      this.#fill();
      return super.keys();
    }

    override values(): HeadersIterator<string> {
      this.#fill();
      return super.values();
    }

    override [Symbol.iterator](): HeadersIterator<[string, string]> {
      return this.entries();
    }

    [INSPECT](...args: unknown[]): unknown {
      this.#fill();
      const inspect = (Headers.prototype as unknown as Record<symbol, (...args: unknown[]) => unknown>)[INSPECT];
      return inspect ? inspect.apply(this, args) : { ...Object.fromEntries(super.entries()) };
    }
  }
  return RawHeaders;
}
