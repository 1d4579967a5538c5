// A budget of retries shared by the calls of one client, as AWS SDK v3's standard retry mode keeps:
// while a service keeps failing, every call's retries would multiply the load on it just when it
// can least take it. Retries spend tokens and successes earn them back, so a failing service soon
// sees one attempt per call, and retries come back as calls succeed again.
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { checkWholeNumber } from "../errors/number-checks.js";

/** Tokens a client starts with (AWS SDK v3's standard retry mode: 500). */
const DEFAULT_RETRY_TOKENS = 500;
/** A retry after an error answer (429, 5xx) costs this many tokens. */
export const RETRY_COST = 5;
/** A retry after a timeout or a network error costs more: such failures take longer and cost the service more. */
export const TRANSIENT_RETRY_COST = 10;

/** Retry tokens shared by the calls of a client (see the retry option `retryQuota`). */
export interface RetryQuota {
  /** Tokens left now (for metrics and logs). */
  readonly available: number;
  /** The most it holds, and starts with. */
  readonly capacity: number;
}

// A quota's tokens, kept on the quota under a registered symbol rather than in a map of this module:
// a program may load fgkit twice (its ESM and CommonJS builds, or two versions under different
// packages), and a quota made by one copy's createRetryQuota must be taken, and spent, by the other's.
const STATE = Symbol.for("fgkit.RetryQuota");

interface QuotaState {
  available: number;
  readonly capacity: number;
}

/**
 * A retry quota of `tokens` (default 500) to share between clients or withRetry wrappers: a retry
 * costs 5 tokens after an error answer and 10 after a timeout or a network error; a call that
 * succeeds gives back what its last retry cost, or 1 when it needed none. A retry the tokens left
 * cannot pay is not made.
 */
export function createRetryQuota(tokens: number = DEFAULT_RETRY_TOKENS): RetryQuota {
  const capacity = checkWholeNumber("tokens", tokens, DEFAULT_RETRY_TOKENS, 0);
  const state: QuotaState = { available: capacity, capacity };
  const quota = {
    get available() {
      return state.available;
    },
    capacity,
  };
  Object.defineProperty(quota, STATE, { value: state });
  return Object.freeze(quota);
}

/** The tokens of a quota createRetryQuota made (in this copy of fgkit or another), or undefined. */
function stateOf(value: unknown): QuotaState | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const state = (value as { [STATE]?: unknown })[STATE];
  return typeof state === "object" && state !== null && typeof (state as QuotaState).available === "number"
    ? (state as QuotaState)
    : undefined;
}

/** Whether `value` is a quota createRetryQuota made. */
function isRetryQuota(value: unknown): value is RetryQuota {
  return stateOf(value) !== undefined;
}

/** The retry option `retryQuota` as withRetry uses it: a quota, or undefined for none (`false`). */
export function resolveRetryQuota(field: string, given: unknown): RetryQuota | undefined {
  if (given === false) return undefined;
  if (given === undefined) return createRetryQuota();
  if (isRetryQuota(given)) return given;
  if (typeof given !== "number")
    throw new InvalidInputError(field, "must be a number of tokens, false (no quota), or a quota from createRetryQuota");
  return createRetryQuota(checkWholeNumber(field, given, DEFAULT_RETRY_TOKENS, 0));
}

// Both below take a quota resolveRetryQuota accepted.

/** Takes `cost` tokens for a retry: false, taking none, when fewer are left. */
export function takeRetryTokens(quota: RetryQuota, cost: number): boolean {
  const state = (quota as unknown as { [STATE]: QuotaState })[STATE];
  if (state.available < cost) return false;
  state.available -= cost;
  return true;
}

/** A call succeeded: its last retry's cost comes back, or 1 token when it made none, up to the capacity. */
export function returnRetryTokens(quota: RetryQuota, lastRetryCost: number): void {
  const state = (quota as unknown as { [STATE]: QuotaState })[STATE];
  state.available = Math.min(state.capacity, state.available + (lastRetryCost || 1));
}
