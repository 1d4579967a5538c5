// One request to a credentials service (IAM, the ECS metadata service) read to its end within a
// bound: the caller's signal and a timeout together (`ending`). A failure before the whole answer
// is in becomes one FunctionGraphError, Timeout, Aborted or NetworkError by what ended it.
import { type ErrorRequestInfo, FunctionGraphError } from "../errors/function-graph-error.js";
import { errorWithoutSecrets } from "../errors/without-secret.js";
import type { LinkedSignal } from "../transport/linked-signal.js";
import type { FetchLike } from "../transport/types.js";
import { untilAborted } from "../transport/until-aborted.js";

export interface ServiceExchange {
  /** How errors begin: "POST /v3/auth/tokens". */
  label: string;
  /** The service as errors name it: "IAM", "the ECS metadata service". */
  service: string;
  /** What a failure without any answer says (default "no response from <service>"). */
  noResponse?: string;
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
  { label, service, noResponse = `no response from ${service}`, described, timeoutMs, secrets = [] }: ServiceExchange,
): Promise<{ response: Response; text: string }> {
  try {
    // Bounded here too: a custom fetch may not heed the signal.
    const response = await untilAborted(send(request), ending);
    const text = await untilAborted(response.text(), ending);
    return { response, text };
  } catch (cause) {
    const [code, why] = ending.timedOut
      ? ["Timeout", `no answer from ${service} within ${timeoutMs} ms`]
      : ending.aborted
        ? ["Aborted", "aborted by the caller"]
        : ["NetworkError", noResponse];
    throw new FunctionGraphError(`${label}: ${why}`, {
      status: 0,
      code,
      request: described,
      // A transport may quote the request (undici's MockAgent does, body and headers).
      cause: errorWithoutSecrets(cause, secrets),
    });
  }
}
