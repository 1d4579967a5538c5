// Why a request got no answer, as errors say it. fetch's own words ("fetch failed", "terminated")
// only wrap the reason: the innermost one (undici's "other side closed", a parse error, a system
// error such as "getaddrinfo ENOTFOUND <host>") is what tells the caller what to fix.
import { withoutSecrets } from "./without-secret.js";

/** An error and its causes, outermost first, as far as the checks look (5 deep). */
export function* causeChain(error: unknown): Generator<object & { code?: unknown; cause?: unknown }> {
  for (let at = error, depth = 0; at && typeof at === "object" && depth < 5; at = (at as { cause?: unknown }).cause, depth++)
    yield at;
}

/** The innermost reason with the outermost code ("ENOTFOUND: getaddrinfo ENOTFOUND ..."), cut free of `secrets`. */
export function failureReason(error: unknown, secrets: readonly string[]): string {
  let reason = error instanceof Error ? error.message : String(error);
  let code: unknown;
  for (const at of causeChain(error)) {
    code ??= typeof at.code === "string" ? at.code : undefined;
    if (at instanceof Error && at.message) reason = at.message;
  }
  // A transport may quote the request in its message (undici's MockAgent quotes every header).
  return `${typeof code === "string" ? `${code}: ` : ""}${withoutSecrets(reason, secrets)}`;
}
