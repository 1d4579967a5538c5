import { sdkDateTime } from "../signing/sdk-date.js";

/** The clock correction shared by the signer and the retry loop of one client. */
export interface ClockOffset {
  /** Milliseconds to add to the local clock to get the server's. */
  offsetMs: number;
}

// The API gateway accepts an X-Sdk-Date within 15 minutes of its own clock; a gap this large
// between our clock and the answer's Date header means the rejection was about the signing time.
const SKEW_THRESHOLD_MS = 5 * 60 * 1000;

/**
 * When a 401/403 comes from a server whose clock is far from ours, returns the new offset to sign
 * with (the server's Date minus local now); otherwise undefined.
 */
export function skewCorrection(response: Response, clock: ClockOffset, now = Date.now()): number | undefined {
  if (response.status !== 401 && response.status !== 403) return undefined;
  const serverDate = Date.parse(response.headers.get("date") ?? "");
  if (Number.isNaN(serverDate)) return undefined;
  const offset = serverDate - now;
  return Math.abs(offset - clock.offsetMs) > SKEW_THRESHOLD_MS ? offset : undefined;
}

/**
 * The server's time when it answered: its Date header, or else our clock corrected by the known
 * offset. A Retry-After date is on the server's clock, so a wait is measured from this.
 */
export function serverNow(response: Response, clock: ClockOffset, now = Date.now()): number {
  const serverDate = Date.parse(response.headers.get("date") ?? "");
  return Number.isNaN(serverDate) ? now + clock.offsetMs : serverDate;
}

/**
 * The offset to sign with after a refusal for clock skew, judged against the X-Sdk-Date the refused
 * request was signed with (`signedDate`, read only for a 401 or 403): not against the shared clock,
 * which a concurrent call's refusal may have corrected since, before or after this request was
 * signed. A request without one (token authentication) was not refused for its time.
 */
export function skewOfRefusal(response: Response, signedDate: () => string | null, startedAt: number): number | undefined {
  if (response.status !== 401 && response.status !== 403) return undefined;
  const signedAt = sdkDateTime(signedDate());
  if (signedAt === undefined) return undefined;
  // The offset it was signed with (signing follows the attempt's start closely), against the
  // gateway's as of its answer: a slow answer is no skew.
  return skewCorrection(response, { offsetMs: signedAt - startedAt });
}
