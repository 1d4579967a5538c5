// The redirect page: sends one call through fgkit's retry and auth layers over the browser's fetch,
// and one plain fetch as the control. Bundled by redirect.test.ts with esbuild (platform "browser").
import { FunctionGraphError, resolveCredentials, withAuth, withRetry } from "@fgkit/helpers";
import type { RedirectOutcome, RedirectPageGlobals } from "./protocol.js";

const page = globalThis as unknown as RedirectPageGlobals;

const outcomeOf = async (call: () => Promise<Response>): Promise<RedirectOutcome> => {
  try {
    const response = await call();
    return { status: response.status, type: response.type };
  } catch (error) {
    if (FunctionGraphError.isInstance(error))
      return { error: { name: error.name, status: error.status, code: error.code, message: error.message } };
    return { error: { name: (error as Error).name, message: (error as Error).message } };
  }
};

page.fgkitCall = (url, token) => {
  const fetch = withRetry(withAuth((request) => globalThis.fetch(request), resolveCredentials({ token }), { projectId: "p" }));
  // As fgkit's client builds its Requests.
  return outcomeOf(() => fetch(new Request(url, { redirect: "manual" })));
};
page.plainFetch = (url, token) => outcomeOf(() => globalThis.fetch(url, { headers: { "x-auth-token": token } }));
page.fgkitReady = true;
