import { callLabel, type ErrorRequestInfo, FunctionGraphError } from "./function-graph-error.js";
import { redactHeaders, redactUrl } from "./redact.js";

const REQUEST_ID_HEADERS = ["x-request-id", "x-cff-request-id", "x-apig-request-id"];

export function requestIdOf(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers.get(name);
    if (value) return value;
  }
  return undefined;
}

/** The API gateway's own errors (a refused signature, a throttled call) carry the id in the body only. */
function bodyRequestId(data: unknown): string | undefined {
  const id = data && typeof data === "object" ? (data as Record<string, unknown>).request_id : undefined;
  return typeof id === "string" && id !== "" ? id : undefined;
}

/** Parses an error body as JSON when it is JSON, and keeps it as text otherwise (HTML, truncated, empty). */
export function parseErrorBody(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Reads the API's code and message from `{error_code, error_msg}` or `{error: {code, message}}`. */
export function errorDetails(data: unknown): { code?: string; message?: string } {
  const details: { code?: string; message?: string } = {};
  if (!data || typeof data !== "object") return details;
  const body = data as Record<string, unknown>;
  const nested = (body.error && typeof body.error === "object" ? body.error : {}) as Record<string, unknown>;
  const code = body.error_code ?? nested.code;
  const message = body.error_msg ?? nested.message ?? body.message;
  // A number there (IAM's `{ error: { code: 401 } }`) only repeats the HTTP status: not an API code.
  if (typeof code === "string" && code !== "") details.code = code;
  if (message !== undefined) details.message = String(message);
  return details;
}

const MAX_TEXT_IN_MESSAGE = 200;

/** Builds the error for an HTTP answer that is not a success, from its (already read) body. */
export function errorFromResponse(
  request: Request | ErrorRequestInfo,
  response: Response,
  data: unknown,
  attempts = 1,
): FunctionGraphError {
  // openapi-fetch hands an empty body over as "" when no Content-Length announced it empty.
  if (typeof data === "string" && data.trim() === "") data = undefined;
  const { code, message } = errorDetails(data);
  const { status, headers } = response;
  const detail =
    message ??
    (isRedirect(status)
      ? redirectDetail(headers.get("location"))
      : typeof data === "string"
        ? `non-JSON body: ${data.replace(/\s+/g, " ").slice(0, MAX_TEXT_IN_MESSAGE)}`
        : data === undefined
          ? "empty body"
          : "no error message in the body");
  return new FunctionGraphError(`${callLabel(request)} failed with ${status}${code ? ` ${code}` : ""}: ${detail}`, {
    status,
    // fgkit's own code for a redirect that gives none: the code a browser's hidden redirect gets too.
    code: code ?? (isRedirect(status) ? "Redirect" : undefined),
    requestId: requestIdOf(headers) ?? bodyRequestId(data),
    attempts,
    request,
    response: { status, headers: redactHeaders(headers), data },
  });
}

const isRedirect = (status: number) => status >= 300 && status < 400;

// fgkit never follows a redirect: the signature is only valid for the host and path it covers, and
// following would hand X-Auth-Token or X-Security-Token to wherever the redirect points.
function redirectDetail(location: string | null): string {
  return `a redirect${location ? ` to ${redactUrl(location)}` : ""}, which is not followed`;
}
