import type { ProviderContext } from "./resolve-credentials.js";

const TAKES_CONTEXT = Symbol.for("fgkit.providerTakesContext");

/**
 * Marks one of fgkit's caching providers, which take the attempt's signal (to stop a refresh no call
 * waits for any more). A provider of the caller's own is called without arguments, as it always was:
 * a memoizing wrapper, or an optional parameter of its own, would take an argument for something else.
 */
export function takesContext<P extends object>(provider: P): P {
  Object.defineProperty(provider, TAKES_CONTEXT, { value: true });
  return provider;
}

/** Calls `provider`, with the attempt's signal (made only when read) when it takes one. */
export function callProvider<T>(provider: (context?: ProviderContext) => T, signal: () => AbortSignal): T {
  if (!(provider as { [TAKES_CONTEXT]?: boolean })[TAKES_CONTEXT]) return provider();
  return provider({
    get signal() {
      return signal();
    },
  });
}

const ACCESS_KEY_PROVIDER = Symbol.for("fgkit.accessKeyProvider");

/** Marks createAccessKeyProvider's providers: given alone as credentials, one would be taken for a token provider. */
export function markedAccessKeyProvider<P extends object>(provider: P): P {
  Object.defineProperty(provider, ACCESS_KEY_PROVIDER, { value: true });
  return provider;
}

export const isAccessKeyProvider = (value: unknown): boolean =>
  typeof value === "function" && (value as { [ACCESS_KEY_PROVIDER]?: boolean })[ACCESS_KEY_PROVIDER] === true;
