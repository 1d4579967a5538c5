import { requestIdOf } from "../errors/from-response.js";
import { FunctionGraphError } from "../errors/function-graph-error.js";

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * Reads a whole response body, refusing one larger than `maxBytes` instead of running out of
 * memory. A connection that drops mid-body rejects here, inside the retry loop, where it can be
 * retried, rather than later in the caller's `response.json()`.
 */
export async function readBody(response: Response, request: Request, maxBytes: number, attempts = 1): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length"));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(request, response, maxBytes, attempts);
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
      throw tooLarge(request, response, maxBytes, attempts);
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
function tooLarge(request: Request, response: Response, maxBytes: number, attempts: number): FunctionGraphError {
  return new FunctionGraphError(`${request.method} ${new URL(request.url).pathname}: response body exceeds ${maxBytes} bytes`, {
    status: response.status,
    code: "ResponseTooLarge",
    requestId: requestIdOf(response.headers),
    attempts,
    request,
    response: { status: response.status, headers: Object.fromEntries(response.headers), data: undefined },
  });
}

const decoder = new TextDecoder();

/**
 * A Response over bytes already read. For a JSON success body the JSON is parsed here once: malformed
 * JSON becomes a FunctionGraphError instead of a SyntaxError deep in the caller, and `json()` hands
 * back the parsed value without parsing again. A success body not declared JSON (a proxy's HTML
 * page) stays readable with text(); only json() on it fails, with a FunctionGraphError.
 */
export function bufferedResponse(response: Response, body: Uint8Array, request: Request, attempts: number): Response {
  const headers = new Headers(response.headers);
  // The body is now a known number of bytes: announcing it makes openapi-fetch read a success body
  // with json() (the one below) instead of text() and its own JSON.parse, which would throw a bare
  // SyntaxError, and treat an empty body as no data. (A HEAD answer's length is that of a GET.)
  if (request.method !== "HEAD" && !nullBodyStatus(response.status)) {
    headers.delete("transfer-encoding");
    headers.set("content-length", String(body.byteLength));
  }
  const init = { status: response.status, statusText: response.statusText, headers };
  if (!response.ok || body.byteLength === 0)
    return new Response(nullBodyStatus(response.status) ? null : (body as Uint8Array<ArrayBuffer>), init);
  const text = decoder.decode(body);
  const parse = () => parseJson(text, body.byteLength, response, request, attempts);
  const buffered = new Response(body as Uint8Array<ArrayBuffer>, init);
  if (/\bjson\b/i.test(response.headers.get("content-type") ?? "")) {
    const parsed = parse();
    Object.defineProperty(buffered, "json", { value: () => Promise.resolve(parsed) });
  } else {
    // Parsed only if asked for: callers reading text() or blob() never see an error.
    Object.defineProperty(buffered, "json", { value: () => new Promise((resolve) => resolve(parse())) });
  }
  return buffered;
}

function parseJson(text: string, bytes: number, response: Response, request: Request, attempts: number): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    const type = response.headers.get("content-type");
    throw new FunctionGraphError(
      `${request.method} ${new URL(request.url).pathname}: the ${response.status} answer is not valid JSON (${type ? `${type}, ` : ""}${bytes} bytes)`,
      {
        status: response.status,
        code: "InvalidResponseBody",
        requestId: requestIdOf(response.headers),
        attempts,
        request,
        response: { status: response.status, headers: Object.fromEntries(response.headers), data: text.slice(0, 1000) },
        cause,
      },
    );
  }
}

const nullBodyStatus = (status: number) => status === 204 || status === 205 || status === 304;
