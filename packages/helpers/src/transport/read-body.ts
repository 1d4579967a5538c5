import { newBufferedResponse } from "#platform";
import { requestIdOf } from "../errors/from-response.js";
import { callLabel, FunctionGraphError } from "../errors/function-graph-error.js";
import { redactHeaders } from "../errors/redact.js";
import { secretScrubber, secretsOfHeaders } from "../errors/without-secret.js";
import type { BufferedResponse } from "./buffered-response.js";

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** Room over maxBytes for a compressed body (gzip's framing of incompressible data makes it longer). */
export const ENCODING_SLACK = 64 * 1024;

/**
 * Reads a whole response body, refusing one larger than `maxBytes` instead of running out of
 * memory. A connection that drops mid-body rejects here, inside the retry loop, where it can be
 * retried, rather than later in the caller's `response.json()`.
 */
export async function readBody(response: Response, request: Request, maxBytes: number, attempts = 1): Promise<Uint8Array> {
  const body = await readBodyWithin(response, request.method, maxBytes);
  if (body === undefined) throw tooLarge(request, response.status, response.headers, maxBytes, attempts);
  return body;
}

/** The whole body of an answer to `method`, or undefined (the body cancelled) once it is over `maxBytes`. */
export async function readBodyWithin(response: Response, method: string, maxBytes: number): Promise<Uint8Array | undefined> {
  const declared = Number(response.headers.get("content-length"));
  // A HEAD answer and a null-body status have no body to refuse: the length a HEAD or 304 declares
  // is that of the body a GET would get. A compressed body's declared length is the compressed one
  // (the limit is on the decoded bytes, counted below): it is refused only past ENCODING_SLACK.
  if (
    declared > maxBytes &&
    method !== "HEAD" &&
    !nullBodyStatus(response.status) &&
    !(declared <= maxBytes + ENCODING_SLACK && response.headers.has("content-encoding"))
  ) {
    await response.body?.cancel();
    return undefined;
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

// An answer did come, so the error keeps its status, request id and headers (the body is not kept).
export function tooLarge(
  request: Request,
  status: number,
  headers: Headers,
  maxBytes: number,
  attempts: number,
): FunctionGraphError {
  return new FunctionGraphError(`${callLabel(request)}: response body exceeds ${maxBytes} bytes`, {
    status,
    code: "ResponseTooLarge",
    requestId: requestIdOf(headers),
    attempts,
    request,
    response: { status, headers: shownHeaders(headers, scrubberFor(request)), data: undefined },
  });
}

/** What cuts the secrets of `request` (its token, security token, signature) out of a text. */
const scrubberFor = (request: Request) => secretScrubber(secretsOfHeaders(request.headers));

/**
 * An answer's headers for an error about it: redacted, and without the secrets of the request that
 * got it (a proxy may echo the token back in a header of an answer it refused or mangled).
 */
function shownHeaders(headers: Headers | Record<string, string>, scrub: (text: string) => string): Record<string, string> {
  const shown = redactHeaders(headers);
  for (const name in shown) shown[name] = scrub(shown[name] as string);
  return shown;
}

const decoder = new TextDecoder();

/**
 * A Response over bytes already read. json() on a success body that is not JSON (malformed, or a
 * proxy's HTML page) fails with a FunctionGraphError instead of a SyntaxError deep in the caller;
 * text() reads any body as it came, whatever its label.
 */
export function bufferedResponse(response: Response, body: Uint8Array, request: Request, attempts: number): Response {
  const answer = { status: response.status, statusText: response.statusText, headers: new Headers(response.headers), body };
  return bufferedAnswer(answer, request.method, () => request, attempts);
}

/**
 * bufferedResponse from the parts of an answer, its headers a Headers (taken over, not copied).
 * `describe` gives the request for an error, made only if there is one. (The Node transport's raw
 * header lists go through raw-answer.ts instead.)
 */
export function bufferedAnswer(
  answer: { status: number; statusText: string; headers: Headers; body: Uint8Array },
  method: string,
  describe: () => Request,
  attempts: number,
): Response {
  const { status, body } = answer;
  const init = { status, statusText: answer.statusText, headers: answer.headers };
  const response = newBufferedResponse(nullBodyStatus(status) ? null : body, init);
  const headers = response.headers;
  // Errors report the headers as they arrived, before the change below.
  const length = headers.get("content-length");
  const encoding = headers.get("transfer-encoding");
  if (announcesLength(method, status)) {
    headers.delete("transfer-encoding");
    headers.set("content-length", String(body.byteLength));
  }
  const arrived = () => asArrived(headers, length, encoding);
  return withJsonAnswer(response, body, headers.get("content-type"), arrived, describe, attempts);
}

/**
 * Whether the buffered answer announces its body's length. The body is a known number of bytes:
 * announcing it makes openapi-fetch read a success body with json() (the one withJsonAnswer sets)
 * instead of text() and its own JSON.parse, which would throw a bare SyntaxError, and treat an
 * empty body as no data. (A HEAD answer's length is that of a GET; null-body statuses have none.)
 */
export const announcesLength = (method: string, status: number) => method !== "HEAD" && !nullBodyStatus(status);

/**
 * Sets up json() of a buffered success answer: the body is parsed when json() is first called (once:
 * later calls get the same value), and malformed JSON fails then, with a FunctionGraphError that has
 * the `arrived` headers. Not before: a body labelled JSON that is not (ExportFunction's Base64
 * package, an invoke's v0 output) stays readable with text(), as parseAs: "text" and invokeFunction
 * read it. Error answers and empty bodies are left as they are.
 */
export function withJsonAnswer(
  response: BufferedResponse,
  body: Uint8Array,
  contentType: string | null,
  arrived: () => Record<string, string>,
  describe: () => Request,
  attempts: number,
): Response {
  const status = response.status;
  if (status < 200 || status > 299 || body.byteLength === 0) return response;
  const parse = () =>
    parseJson(decoder.decode(body), body.byteLength, status, contentType, response.headers, arrived, describe, attempts);
  let json: Promise<unknown> | undefined;
  response.answerJsonWith(() => (json ??= new Promise((resolve) => resolve(parse()))));
  return response;
}

/** The headers as they arrived: `headers` with the two values bufferedAnswer changed put back. */
function asArrived(headers: Headers, length: string | null, encoding: string | null): Record<string, string> {
  const copy = Object.fromEntries(headers);
  delete copy["content-length"];
  if (length !== null) copy["content-length"] = length;
  if (encoding !== null) copy["transfer-encoding"] = encoding;
  return copy;
}

function parseJson(
  text: string,
  bytes: number,
  status: number,
  type: string | null,
  headers: Headers,
  arrivedHeaders: () => Record<string, string>,
  describe: () => Request,
  attempts: number,
): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const request = describe();
    // A page that is not the API's answer (a proxy's, an echo service's) may quote the request: its
    // secrets are cut out before the text is shortened, so no part of one is kept either.
    const scrub = scrubberFor(request);
    // The hint is for text meant as text: one labelled so, or, whatever the label, one that does not
    // even start as JSON (ExportFunction's Base64 package). Broken JSON is the API's fault, not a hint's.
    const asText = (type !== null && !/\bjson\b/i.test(type)) || !/^\s*[[{"]/.test(text);
    throw new FunctionGraphError(
      `${callLabel(request)}: the ${status} answer is not valid JSON (${type ? `${type}, ` : ""}${bytes} bytes)${
        asText ? `; read such an answer with parseAs: "text"` : ""
      }`,
      {
        status,
        code: "InvalidResponseBody",
        requestId: requestIdOf(headers),
        attempts,
        request,
        response: { status, headers: shownHeaders(arrivedHeaders(), scrub), data: scrub(text).slice(0, 1000) },
        cause,
      },
    );
  }
}

export const nullBodyStatus = (status: number) => status === 204 || status === 205 || status === 304;
