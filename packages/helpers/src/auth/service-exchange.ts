// One request to a credentials service (IAM, the ECS metadata service) read to its end within a
// bound: the caller's signal and a timeout together (`ending`). A failure before the whole answer
// is in becomes one FunctionGraphError, Timeout, Aborted or NetworkError by what ended it.
import { failureReason } from "../errors/failure-reason.js";
import { type ErrorRequestInfo, FunctionGraphError } from "../errors/function-graph-error.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { errorWithoutSecrets } from "../errors/without-secret.js";
import type { LinkedSignal } from "../transport/linked-signal.js";
import { isResponseLike } from "../transport/response-like.js";
import type { FetchLike } from "../transport/types.js";
import { untilAborted } from "../transport/until-aborted.js";

export interface ServiceExchange {
  /** How errors begin: "POST /v3/auth/tokens". */
  label: string;
  /** The service as errors name it: "IAM", "the ECS metadata service". */
  service: string;
  /** What a failure without any answer adds after its reason (": is this an ECS?"). */
  noResponseHint?: string;
  /** The request as errors show it (never its secrets). */
  described: ErrorRequestInfo;
  timeoutMs: number;
  /** What the request carries that errors must not show (a password, a session token). */
  secrets?: readonly string[];
}

export async function exchangeWithin(
  send: FetchLike,
  request: Request,
  ending: LinkedSignal,
  { label, service, noResponseHint = "", described, timeoutMs, secrets = [] }: ServiceExchange,
): Promise<{ response: Response; text: string }> {
  const failed = (cause: unknown) => {
    const [code, why] = ending.timedOut
      ? ["Timeout", `no answer from ${service} within ${timeoutMs} ms`]
      : ending.aborted
        ? ["Aborted", "aborted by the caller"]
        : ["NetworkError", `no response from ${service} (${failureReason(cause, secrets)})${noResponseHint}`];
    return new FunctionGraphError(`${label}: ${why}`, {
      status: 0,
      code,
      request: described,
      // A transport may quote the request (undici's MockAgent does, body and headers).
      cause: errorWithoutSecrets(cause, secrets),
    });
  };
  let response: Response;
  try {
    // Bounded here too: a custom fetch may not heed the signal.
    response = await untilAborted(send(request), ending);
  } catch (cause) {
    throw failed(cause);
  }
  // A custom fetch's mistake, not the network's: said as such (the answer is not quoted).
  if (!isResponseLike(response))
    throw new InvalidInputError("fetch", `resolved to ${kindOf(response)}, not a Response (${label} to ${service})`);
  try {
    const text = await untilAborted(response.text(), ending);
    return { response, text };
  } catch (cause) {
    throw failed(cause);
  }
}

/** What was given in place of a Response, by kind (never its content). */
function kindOf(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

// An ISO 8601 date and time without a zone: "2026-12-01T10:00:00.000000" (RFC 3339 allows a "t").
const ZONELESS = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/**
 * A service's `expires_at`, which IAM and the metadata service give in UTC. One without a zone is
 * read as UTC too: Date would read it as this host's local time, hours off on a host in UTC+8.
 */
export function serviceTime(text: string): Date {
  return new Date(ZONELESS.test(text) ? `${text.slice(0, 10)}T${text.slice(11)}Z` : text);
}
