import { FunctionGraphError } from "../errors/function-graph-error.js";

export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * Reads a whole response body, refusing one larger than `maxBytes` instead of running out of
 * memory. A connection that drops mid-body rejects here, inside the retry loop, where it can be
 * retried, rather than later in the caller's `response.json()`.
 */
export async function readBody(response: Response, request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length"));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(request, response, maxBytes);
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
      throw tooLarge(request, response, maxBytes);
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

function tooLarge(request: Request, response: Response, maxBytes: number): FunctionGraphError {
  return new FunctionGraphError(`${request.method} ${new URL(request.url).pathname}: response body exceeds ${maxBytes} bytes`, {
    status: response.status,
    code: "ResponseTooLarge",
    request,
  });
}

const decoder = new TextDecoder();

/**
 * A Response over bytes already read. For a JSON success body the JSON is parsed here once: malformed
 * JSON becomes a FunctionGraphError instead of a SyntaxError deep in the caller, and `json()` hands
 * back the parsed value without parsing again.
 */
export function bufferedResponse(response: Response, body: Uint8Array, request: Request, attempts: number): Response {
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  const isJson = /\bjson\b/i.test(response.headers.get("content-type") ?? "");
  if (!response.ok || !isJson || body.byteLength === 0)
    return new Response(nullBodyStatus(response.status) ? null : (body as Uint8Array<ArrayBuffer>), init);
  const text = decoder.decode(body);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new FunctionGraphError(
      `${request.method} ${new URL(request.url).pathname}: the ${response.status} answer is not valid JSON (${body.byteLength} bytes)`,
      {
        status: response.status,
        code: "InvalidResponseBody",
        attempts,
        request,
        response: { status: response.status, headers: Object.fromEntries(response.headers), data: text.slice(0, 1000) },
        cause,
      },
    );
  }
  const buffered = new Response(text, init);
  Object.defineProperty(buffered, "json", { value: () => Promise.resolve(parsed) });
  return buffered;
}

const nullBodyStatus = (status: number) => status === 204 || status === 205 || status === 304;
