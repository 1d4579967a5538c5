// Checks for the arguments of the helpers built on a client (invoke, waiters, paginators), so a
// wrong one is refused by name before anything is sent, not met later as a TypeError.
import { checkKnownOptions, InvalidInputError } from "@fgkit/helpers";
import type { FunctionGraphClient } from "./create-client.js";
import { isWellFormed, NOT_WELL_FORMED } from "./request-validation.js";

export function assertClient(client: unknown, field = "client"): asserts client is FunctionGraphClient {
  if (isClient(client)) return;
  // invokeFunction({ client }, ...): the paginators' and waiters' way, where the client itself goes.
  if (client && typeof client === "object" && isClient((client as { client?: unknown }).client))
    throw new InvalidInputError(field, "must be the client itself, not { client } (e.g. invokeFunction(client, urn, event))");
  throw new InvalidInputError(field, "must be a client from createFunctionGraphClient");
}

function isClient(value: unknown): boolean {
  const methods = value as Partial<Record<"GET" | "POST" | "withOptions", unknown>> | null | undefined;
  return (
    !!methods &&
    typeof methods === "object" &&
    typeof methods.GET === "function" &&
    typeof methods.POST === "function" &&
    typeof methods.withOptions === "function"
  );
}

/** The options of a call that takes nothing but an AbortSignal. */
export const SIGNAL_ONLY = ["signal"];

/** An options argument: an object when given, with no key but the `known` ones. */
export function assertOptionalObject(field: string, value: unknown, known: readonly string[]): void {
  if (value === undefined) return;
  if (value === null || typeof value !== "object") throw new InvalidInputError(field, "must be an object when given");
  checkKnownOptions("", value, known);
}

// A waiter's options put in its target would be ignored (a signal never heeded, 72 h of polling).
const IN_CONFIG: Record<string, string> = Object.fromEntries(
  ["minDelayMs", "maxDelayMs", "maxWaitMs", "signal"].map((name) => [
    name,
    `is a waiter option: it goes in the first argument, beside client ({ client, ${name} })`,
  ]),
);

/** A waiter's target: an object whose `keys` are non-empty strings, and no key but those and `optional`. */
export function assertTarget(value: unknown, keys: readonly string[], optional: readonly string[] = []): void {
  if (!value || typeof value !== "object") throw new InvalidInputError("target", `must be { ${keys.join(", ")} }`);
  checkKnownOptions("target", value, [...keys, ...optional], IN_CONFIG);
  // Each goes into a path or the query of every poll: refused once here, not at the first poll.
  for (const key of keys) assertId(`target.${key}`, (value as Record<string, unknown>)[key]);
}

/**
 * An id a helper takes as an argument (`functionUrn`, `workflowId`): a non-empty string, refused by
 * the argument's own name rather than by the path parameter it fills (`params.path.function_urn`).
 */
export function assertId(field: string, given: unknown): void {
  if (typeof given !== "string" || given === "") throw new InvalidInputError(field, "must be a non-empty string");
  if (!isWellFormed(given)) throw new InvalidInputError(field, NOT_WELL_FORMED);
}

/**
 * A paginator's or waiter's config: `{ client, ...options }`; with `known`, no other key (a waiter's
 * options are checked by waitUntil).
 */
export function assertConfigWithClient(config: unknown, known?: readonly string[]): void {
  if (!config || typeof config !== "object") throw new InvalidInputError("config", "must be an object with a client");
  // paginateListFunctions(client): the client alone, where invokeFunction takes it.
  if (isClient(config) && !("client" in config))
    throw new InvalidInputError(
      "config",
      "must be { client, ... }, not the client itself (e.g. paginateListFunctions({ client }))",
    );
  assertClient((config as { client?: unknown }).client);
  if (known) checkKnownOptions("", config, ["client", ...known]);
}
