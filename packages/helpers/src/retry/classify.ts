import { ProviderFailure } from "../auth/provider-failure.js";
import { causeChain, failureReason } from "../errors/failure-reason.js";
import { callLabel, FunctionGraphError } from "../errors/function-graph-error.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { errorWithoutSecrets, secretsOfHeaders } from "../errors/without-secret.js";
import { NotSent } from "../transport/not-sent.js";

// Error codes of failed connections that are worth another attempt: Node's system errors, and
// undici's socket and timeout errors (UND_ERR_CONNECT_TIMEOUT, _HEADERS_TIMEOUT, _BODY_TIMEOUT).
const TRANSIENT_CODE =
  /^(ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|UND_ERR_(SOCKET|CLOSED|\w+_TIMEOUT))$/;

// A dropped connection as fetch reports it: undici "fetch failed" or "terminated", Chrome "Failed to
// fetch", Firefox "NetworkError when attempting to fetch resource.", Safari "Load failed".
const NETWORK_FAILURE = /fetch failed|terminated|failed to fetch|network|load failed/i;

// An answer that broke HTTP itself (undici's parser errors, headers over its limit, a body longer
// than declared): the server would send it again the same way, so another attempt cannot help.
const PROTOCOL_CODE = /^(HPE_\w+|UND_ERR_HEADERS_OVERFLOW|UND_ERR_RES_CONTENT_LENGTH_MISMATCH)$/;

// A server certificate that failed verification (self-signed, expired, another host's: Node's and
// OpenSSL's codes), or TLS spoken to a port that does not speak it: every handshake would fail alike.
const CERTIFICATE_CODE =
  /^(ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_WRONG_VERSION_NUMBER|HOSTNAME_MISMATCH|INVALID_CA|INVALID_PURPOSE|PATH_LENGTH_EXCEEDED|UNABLE_TO_\w+|\w*CERT\w*)$/;

/** Whether another attempt would fail the same way: a broken answer, or a refused certificate. */
function failsAlikeAgain(error: unknown): boolean {
  for (const at of causeChain(error)) {
    const code = String(at.code);
    if (PROTOCOL_CODE.test(code) || CERTIFICATE_CODE.test(code)) return true;
  }
  return false;
}

/** Whether a thrown transport error (not an HTTP answer) is a transient network failure. */
export function isTransientNetworkError(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  if (depth === 0 && failsAlikeAgain(error)) return false;
  if (TRANSIENT_CODE.test(String((error as { code?: unknown }).code))) return true;
  if (error instanceof TypeError && NETWORK_FAILURE.test(error.message)) return true;
  return isTransientNetworkError((error as { cause?: unknown }).cause, depth + 1);
}

// Failures before any connection was made: the request never left, so sending it again is safe
// whatever the method. A name lookup that failed, undici's connect timeout, and a connect() that was
// refused or found no route; the same codes from a read or a write (a route lost mid-request) are not.
const LOOKUP_FAILED = /^(ENOTFOUND|EAI_AGAIN)$/;
const CONNECT_FAILED = /^(ECONNREFUSED|EHOSTUNREACH|ENETUNREACH)$/;

/** What kept an attempt from being sent (a NotSent's message), when that is known. */
export function notSentReason(error: unknown): string | undefined {
  for (const at of causeChain(error)) if (NotSent.isInstance(at)) return at.message;
  return undefined;
}

/** Whether a failed attempt certainly sent nothing: no connection was made (or none was ready), or no credentials came. */
export function sentNothing(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 4) return false;
  if (ProviderFailure.isInstance(error) || NotSent.isInstance(error)) return true;
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  if (code === "UND_ERR_CONNECT_TIMEOUT" || LOOKUP_FAILED.test(String(code))) return true;
  if (syscall === "connect" && CONNECT_FAILED.test(String(code))) return true;
  return sentNothing((error as { cause?: unknown }).cause, depth + 1);
}

export function networkError(error: unknown, request: Request, attempts: number, note = ""): FunctionGraphError {
  if (FunctionGraphError.isInstance(error)) return error;
  if (ProviderFailure.isInstance(error))
    return new FunctionGraphError(`${callLabel(request)}: no credentials (${error.message})`, {
      status: 0,
      code: "CredentialsError",
      attempts,
      request,
      cause: error.cause,
    });
  // The message is cut free of the request's secrets, and an error quoting them is not kept as the cause.
  const secrets = secretsOf(request);
  const cause = errorWithoutSecrets(error, secrets);
  // "terminated": an answer had begun (a status line came) and was cut off or could not be read.
  const what = error instanceof TypeError && error.message === "terminated" ? "the answer broke off" : "no response";
  return new FunctionGraphError(`${callLabel(request)}: ${what} (${failureReason(error, secrets)})${note}`, {
    status: 0,
    code: "NetworkError",
    attempts,
    request,
    cause,
  });
}

/** The secrets a request carries (its token, security token, signature), to cut from what quotes it. */
export const secretsOf = (request: Request): string[] => secretsOfHeaders(request.headers);

/** fgkit's own errors (a bad body, bad input such as a malformed token) end the call: they are no network failure. */
export function isFinalError(error: unknown): boolean {
  return FunctionGraphError.isInstance(error) || InvalidInputError.isInstance(error);
}
