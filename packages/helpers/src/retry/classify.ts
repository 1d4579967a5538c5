import { FunctionGraphError } from "../errors/function-graph-error.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";

// Error codes of failed connections that are worth another attempt (Node and undici spellings).
const TRANSIENT_CODES = new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
]);

/** Whether a thrown transport error (not an HTTP answer) is a transient network failure. */
export function isTransientNetworkError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && TRANSIENT_CODES.has(code)) return true;
  // undici reports a dropped connection as TypeError("fetch failed") or "terminated"; browsers as "Failed to fetch".
  if (error instanceof TypeError && /fetch failed|terminated|failed to fetch|network/i.test(error.message)) return true;
  return isTransientNetworkError((error as { cause?: unknown }).cause, depth + 1);
}

export function networkError(error: unknown, request: Request, attempts: number): FunctionGraphError {
  if (FunctionGraphError.isInstance(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  const code = (error as { cause?: { code?: unknown } })?.cause?.code ?? (error as { code?: unknown })?.code;
  return new FunctionGraphError(
    `${request.method} ${new URL(request.url).pathname}: no response (${typeof code === "string" ? `${code}: ` : ""}${reason})`,
    {
      status: 0,
      code: "NetworkError",
      attempts,
      request,
      cause: error,
    },
  );
}

/** fgkit's own errors (a bad body, bad input such as a malformed token) end the call: they are no network failure. */
export function isFinalError(error: unknown): boolean {
  return FunctionGraphError.isInstance(error) || error instanceof InvalidInputError;
}
