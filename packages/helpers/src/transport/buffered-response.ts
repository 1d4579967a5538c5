// A Response over bytes already in memory. Building a Response the ordinary way wraps its body in a
// ReadableStream at once (about 5 µs on Node, most of the cost of an answer); this one keeps the
// bytes and builds that ordinary Response only when something other than json() reads the body.
// Headers the Node transport read stay a raw list until more than get()/has() is asked of them
// (raw-headers.ts). The class is defined at first use: reading globalThis.Response makes Node load
// undici (~15 ms), which a client should pay at its first call, not when it is imported.
import { EXCHANGE_SLOT } from "./exchange-info.js";
import { headersOverRaw, type RawHeaderList } from "./raw-headers.js";

export interface BufferedResponse extends Response {
  /** Makes json() answer with `json` (withJsonAnswer: the body parsed once, when first asked for). */
  answerJsonWith(json: () => Promise<unknown>): void;
}

type BufferedResponseClass = new (bytes: Uint8Array | null, init: ResponseInit, raw?: RawHeaderList) => BufferedResponse;
let BufferedResponseClass: BufferedResponseClass | undefined;

/** A Response over `bytes`; its headers are `init.headers`, or the raw list the Node transport read. */
export function newBufferedResponse(bytes: Uint8Array | null, init: ResponseInit, raw?: RawHeaderList): BufferedResponse {
  BufferedResponseClass ??= defineBufferedResponse();
  try {
    return new BufferedResponseClass(bytes, init, raw);
  } catch (error) {
    // (Looked at only once Response refused: nothing is added to an ordinary answer's cost.)
    const fit = fitted(init);
    if (fit.status === init.status && fit.statusText === init.statusText) throw error;
    return showAs(new BufferedResponseClass(bytes, fit, raw), init);
  }
}

function defineBufferedResponse(): BufferedResponseClass {
  return class BufferedResponse extends Response {
    readonly #bytes: Uint8Array | null;
    readonly #headers: Headers | undefined;
    #json: (() => Promise<unknown>) | undefined;
    #ordinary: Response | undefined;
    #exchange: unknown;

    constructor(bytes: Uint8Array | null, init: ResponseInit, raw?: RawHeaderList) {
      super(null, raw ? { status: init.status, statusText: init.statusText } : init);
      this.#bytes = bytes;
      if (raw) this.#headers = headersOverRaw(raw);
    }

    /**
     * Keeps (given a value) and returns what exchange-info notes about the request behind this
     * answer: a private field is cheaper than a WeakMap entry, and, unlike a property, shows nothing.
     */
    [EXCHANGE_SLOT](noted?: unknown): unknown {
      if (noted !== undefined) this.#exchange = noted;
      return this.#exchange;
    }

    override get headers(): Headers {
      return this.#headers ?? super.headers;
    }

    answerJsonWith(json: () => Promise<unknown>): void {
      this.#json = json;
    }

    #response(): Response {
      // (The status Response took: it only carries the body.)
      this.#ordinary ??= new Response(this.#bytes as Uint8Array<ArrayBuffer> | null, {
        status: super.status,
        statusText: super.statusText,
        headers: this.headers,
      });
      return this.#ordinary;
    }

    override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
      return this.#response().body;
    }

    override get bodyUsed(): boolean {
      return this.#ordinary?.bodyUsed ?? false;
    }

    override json(): Promise<unknown> {
      return this.#json ? this.#json() : this.#response().json();
    }

    override text(): Promise<string> {
      return this.#response().text();
    }

    override arrayBuffer(): Promise<ArrayBuffer> {
      return this.#response().arrayBuffer();
    }

    override bytes(): Promise<Uint8Array<ArrayBuffer>> {
      // Response has bytes() from Node 20.16: FunctionGraph's Node.js 18.15 and 20.15 runtimes have none.
      const response = this.#response();
      return typeof response.bytes === "function"
        ? response.bytes()
        : response.arrayBuffer().then((buffer) => new Uint8Array(buffer));
    }

    override blob(): Promise<Blob> {
      return this.#response().blob();
    }

    override formData(): Promise<FormData> {
      return this.#response().formData();
    }

    /** A copy whose json() parses afresh, as a clone of an ordinary Response would. */
    override clone(): Response {
      if (this.#ordinary) {
        const copy = this.#ordinary.clone();
        return Object.hasOwn(this, "status") ? showAs(copy, this) : copy;
      }
      return newBufferedResponse(this.#bytes, { status: this.status, statusText: this.statusText, headers: this.headers });
    }
  };
}

// fetch hands over whatever status (up to 999) and reason phrase the server sent (undici reads the
// reason as UTF-8), but the Response constructor takes only 200-599 and a Latin-1 reason phrase: a 600
// or a "200 成功" would throw there, and an answer fetch reads would fail as if none had come. Such
// an answer is built with a status and reason Response takes (599: not ok, as any status past 599;
// an empty reason), and shows the ones that came as its own properties.
const REASON_PHRASE = /^[\t\x20-\x7e\x80-\xff]*$/;

function fitted(init: ResponseInit): ResponseInit {
  const { status, statusText } = init;
  return {
    ...init,
    status: status === undefined || (status >= 200 && status <= 599) ? status : 599,
    statusText: statusText === undefined || REASON_PHRASE.test(statusText) ? statusText : "",
  };
}

function showAs<T extends Response>(response: T, { status, statusText }: { status?: number; statusText?: string }): T {
  return Object.defineProperties(response, { status: { value: status }, statusText: { value: statusText } });
}
