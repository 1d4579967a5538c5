import type { FunctionGraphClient } from "./create-client.js";

// One client per (client, timeout), made at the first long call that needs it. A caller may pass a
// new timeout on every call (what is left of its own deadline), so only the most recently used are kept.
const waitingClients = new WeakMap<FunctionGraphClient, Map<number, FunctionGraphClient>>();
const KEPT_PER_CLIENT = 8;

/**
 * `client` with `timeoutMs` as its per-attempt timeout, for a call whose answer comes only when a run
 * has finished (a synchronous invocation, an express workflow): longer than the client's 60 s default.
 */
export function clientWaitingUpTo(client: FunctionGraphClient, timeoutMs: number): FunctionGraphClient {
  let byTimeout = waitingClients.get(client);
  if (!byTimeout) {
    byTimeout = new Map();
    waitingClients.set(client, byTimeout);
  }
  let waiting = byTimeout.get(timeoutMs);
  if (waiting)
    byTimeout.delete(timeoutMs); // moved to the end: the least recently used goes first
  else {
    waiting = client.withOptions({ timeout: { attemptTimeoutMs: timeoutMs } });
    if (byTimeout.size >= KEPT_PER_CLIENT) byTimeout.delete(byTimeout.keys().next().value as number);
  }
  byTimeout.set(timeoutMs, waiting);
  return waiting;
}
