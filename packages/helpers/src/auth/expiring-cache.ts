import { allowManyAbortListeners, startTimer } from "#platform";
import { checkFunction, checkKnownOptions, checkObject } from "../errors/argument-checks.js";
import { markWithoutCall } from "../errors/call-context.js";
import { FunctionGraphError } from "../errors/function-graph-error.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { checkMilliseconds } from "../errors/number-checks.js";
import { LinkedSignal } from "../transport/linked-signal.js";
import { untilAborted } from "../transport/until-aborted.js";
import type { ProviderContext } from "./resolve-credentials.js";

const YEAR_MS = 365 * 24 * 3_600_000;

/** A refused value younger than this is kept (see dropRefused). */
const REFUSED_MIN_AGE_MS = 30_000;

/**
 * A refresh every waiting caller has given up on is stopped this long after the last one left,
 * unless another comes: a call's next attempt, after its backoff, waits for the same refresh.
 */
const ABANDONED_REFRESH_STOPS_AFTER_MS = 2_000;

/** After a background refresh failed, the next one waits this long (the held value is still valid). */
const RETRY_REFRESH_AFTER_MS = 10_000;

/**
 * A value that has expired by this host's clock when it comes is used this long all the same (and
 * fetched again in the background at half of it): the host's clock may be ahead of the source's, and
 * taking it for expired would send every call to the source, which answers with the same value. The
 * gateway, whose clock counts, refuses it with a 401 if it has really expired.
 */
const EXPIRED_VALUE_HELD_MS = 30_000;

/** A refresh under way: what it resolves to, what ends it, and the callers waiting for it. */
interface Flight<T> {
  result: Promise<T>;
  ending: LinkedSignal;
  /** Callers waiting with a signal that has not aborted. */
  waiting: number;
  /** Wanted whatever the waiting callers do: one without a signal waits, or it runs ahead of expiry. */
  needed: boolean;
  /** Cancels the stop planned once the last waiting caller left. */
  cancelStop?: (() => void) | undefined;
}

/** Something that stops being valid at a known time: an IAM token, temporary access keys. */
export interface Expiring {
  expiresAt: Date;
}

/** Options the token and access key providers share. */
export interface ProviderFetchOptions {
  /**
   * A fetch still pending after this long is given up: its signal aborts, the callers waiting for
   * it get a Timeout error, and the next call starts a new one (default 60 s; 0 = no limit).
   */
  fetchTimeoutMs?: number | undefined;
  /** The clock, in epoch milliseconds (default Date.now). */
  now?: (() => number) | undefined;
}

export interface ExpiringCacheOptions<T extends Expiring> {
  fetch: (context: { signal: AbortSignal }) => Promise<T>;
  /** The option `fetch` came from, for errors: "fetchToken", "fetchKeys". */
  fetchField: string;
  /** What `fetch` must resolve to, for errors: "{ token, expiresAt }". */
  shape: string;
  /** Checks the rest of a fetched value (its expiresAt is checked here); throws InvalidInputError. */
  check: (value: T, field: string) => void;
  /** A fetch still pending after this long is given up (0 = no limit). */
  fetchTimeoutMs: number;
  /** Refresh this long before expiry. */
  refreshBeforeMs: number;
  now: () => number;
  /** How a Timeout error begins, e.g. "token refresh: no token". */
  label: string;
}

/**
 * Caches one expiring value for the token and access key providers: refreshed in the background
 * before it expires (callers wait only when no valid value is held), one refresh shared by concurrent
 * callers, the still-valid value used while a refresh is slow or fails, and none at all once dropped.
 * `get` answers without a promise while a valid value is held.
 */
export function createExpiringCache<T extends Expiring>(options: ExpiringCacheOptions<T>) {
  const { fetchTimeoutMs, refreshBeforeMs, now, label, fetchField, shape } = options;
  checkFunction(fetchField, options.fetch, `({ signal }) => Promise<${shape}>`);
  // A wrong value is refused here, by name, rather than failing later inside the cache.
  const checked = (value: T): T => {
    const field = `${fetchField}()`;
    if (!value || typeof value !== "object") throw new InvalidInputError(field, `must resolve to ${shape}`);
    const { expiresAt } = value;
    if (!(expiresAt instanceof Date) || Number.isNaN(expiresAt.getTime()))
      throw new InvalidInputError(`${field}.expiresAt`, "must be a valid Date");
    // Epoch seconds read as milliseconds give a date in January 1970, which would send every call
    // back to fetch (IAM, the metadata service) for a new one. A date merely past is kept (for
    // EXPIRED_VALUE_HELD_MS): this host's clock may be the one that is wrong, but not by a year.
    if (expiresAt.getTime() < now() - YEAR_MS)
      throw new InvalidInputError(
        `${field}.expiresAt`,
        `is more than a year past (${expiresAt.toISOString()}): epoch seconds given as milliseconds?`,
      );
    options.check(value, field);
    return value;
  };
  let current: T | undefined;
  /** When `current` was fetched (by `now`). */
  let fetchedAt = 0;
  /** Until when `current` is handed out: its expiry, or a little while when it came expired already. */
  let validUntil = 0;
  /**
   * When to refresh `current` in the background: `refreshBeforeMs` before it expires, but not before
   * half its life, so that a value living less than the window is not fetched again at every call.
   */
  let refreshAt = 0;
  /** When a background refresh last failed (it is not tried again for a while). */
  let failedAt: number | undefined;
  /** The running refresh: its result, its end, and who waits for it (see waitFor). */
  let flight: Flight<T> | undefined;

  const refresh = (): Flight<T> => {
    if (flight) return flight;
    const ending = new LinkedSignal([], fetchTimeoutMs);
    let fetching: Promise<T>;
    try {
      fetching = options.fetch({ signal: ending.signal });
    } catch (error) {
      fetching = Promise.reject(error);
    }
    const settled = () => {
      if (flight === own) flight = undefined;
      own.cancelStop?.();
      ending.release();
    };
    // A fetch that never settles would otherwise hold this slot, and every caller, for good.
    const result = untilAborted(fetching, ending).then(
      (value) => {
        settled();
        try {
          current = checked(value);
        } catch (error) {
          // A refused value is a failed refresh: the next background one waits too, not one per call.
          failedAt = now();
          throw error;
        }
        fetchedAt = now();
        const expires = current.expiresAt.getTime();
        validUntil = expires > fetchedAt ? expires : fetchedAt + EXPIRED_VALUE_HELD_MS;
        refreshAt = Math.max(validUntil - refreshBeforeMs, fetchedAt + (validUntil - fetchedAt) / 2);
        failedAt = undefined;
        return current;
      },
      (error: unknown) => {
        settled();
        failedAt = now();
        if (!ending.timedOut) throw error;
        // Shared by every call waiting for it: withRetry tells each the call it ended.
        throw markWithoutCall(
          new FunctionGraphError(`${label} within ${fetchTimeoutMs} ms`, {
            status: 0,
            code: "Timeout",
            cause: error,
          }),
        );
      },
    );
    const own: Flight<T> = { result, ending, waiting: 0, needed: false };
    flight = own;
    return own;
  };

  /**
   * A caller that cannot go on without the refresh. Once every such caller has given up (its signal
   * aborted: its attempt timed out, or the program is shutting down) and none came back within
   * ABANDONED_REFRESH_STOPS_AFTER_MS, the refresh is stopped: nothing would use it, and its request
   * would hold a finished program open until fetchTimeoutMs. The next call starts a new one. A refresh
   * a caller without a signal waits for, or one ahead of expiry, is never stopped.
   */
  const waitFor = (context: ProviderContext | undefined): Promise<T> => {
    const signal = context?.signal;
    // A caller that gave up before it asked starts nothing, and keeps nothing going.
    if (signal?.aborted) return Promise.reject(signal.reason);
    const own = refresh();
    const pending = own.result;
    own.cancelStop?.(); // someone waits again
    own.cancelStop = undefined;
    if (!signal) {
      own.needed = true;
      return pending;
    }
    own.waiting++;
    const leave = () => {
      // Not once the refresh has ended (its signal went to a fetch that succeeded), nor while wanted.
      if (--own.waiting > 0 || own.needed || flight !== own) return;
      own.cancelStop = startTimer(ABANDONED_REFRESH_STOPS_AFTER_MS, () =>
        own.ending.abort(new Error("no caller waits for it any more")),
      );
    };
    allowManyAbortListeners(signal); // an app-wide signal may wait in many calls at once
    signal.addEventListener("abort", leave, { once: true });
    const forget = () => signal.removeEventListener("abort", leave);
    pending.then(forget, forget);
    return pending;
  };

  return {
    get(context?: ProviderContext): T | Promise<T> {
      const time = now();
      const held = current;
      if (!held || validUntil <= time) return waitFor(context);
      // Inside the refresh window: the still-valid value is used at once, while one refresh runs in
      // the background (a slow or failing source delays no call); a failed one is tried again later.
      if (time >= refreshAt && !flight && (failedAt === undefined || time - failedAt >= RETRY_REFRESH_AFTER_MS)) {
        const ahead = refresh();
        ahead.needed = true; // ahead of expiry: nobody waits for it, and it is not stopped
        ahead.result.catch(() => {}); // failedAt holds the next one back; a caller that needs it waits for its own
      }
      return held;
    },
    /**
     * The gateway refused the cached value (a 401): drops it when it `matches` and was fetched at
     * least REFUSED_MIN_AGE_MS ago, so the next `get` fetches a new one. Answers whether the next
     * `get` hands out a different value: false only when the matching value was kept for being too
     * new. When the gateway refuses even a fresh value the cause lies elsewhere, and dropping it would
     * send every call to the source (IAM, the metadata service).
     */
    dropRefused(matches: (value: T) => boolean): boolean {
      if (current === undefined || !matches(current)) return true;
      // A negative age is a clock that stepped back: the value's age is unknown, so it is dropped.
      const age = now() - fetchedAt;
      if (age >= 0 && age < REFUSED_MIN_AGE_MS) return false;
      current = undefined;
      return true;
    },
  };
}

/** The options both providers share, checked and with their defaults. */
export function providerSettings(
  options: ProviderFetchOptions & { refreshBeforeMs?: number },
  defaultRefreshBeforeMs: number,
  fetchField: string,
): { fetchTimeoutMs: number; refreshBeforeMs: number; now: () => number } {
  checkObject("options", options);
  checkKnownOptions("", options, [fetchField, "refreshBeforeMs", "fetchTimeoutMs", "now"]);
  if (options.now !== undefined && typeof options.now !== "function")
    throw new InvalidInputError("now", "must be a function returning epoch milliseconds");
  return {
    fetchTimeoutMs: checkMilliseconds("fetchTimeoutMs", options.fetchTimeoutMs, 60_000),
    refreshBeforeMs: checkMilliseconds("refreshBeforeMs", options.refreshBeforeMs, defaultRefreshBeforeMs),
    now: options.now ?? Date.now,
  };
}
