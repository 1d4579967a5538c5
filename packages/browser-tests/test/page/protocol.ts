// What the signing page (sign-page.ts, bundled for the browser) and the test exchange.

export interface SignCase {
  name: string;
  method: string;
  url: string;
  /** Headers as sent (no `host`: it comes from the URL). */
  headers: [string, string][];
  body: string | null;
  credentials: { ak: string; sk: string; securityToken?: string };
  /** Signing time for requests without X-Sdk-Date (ISO string). */
  date?: string;
}

export interface SignOutcome {
  name: string;
  /** computeSignature(...).authorization */
  authorization: string;
  canonicalRequest: string;
  /** The Authorization header of the Request returned by signRequest(...). */
  requestAuthorization: string | null;
  /** The X-Sdk-Date header of the signed Request. */
  requestSdkDate: string | null;
  /** The body the signed Request sends, as text. */
  requestBody: string;
}

export interface SignPageEnvironment {
  userAgent: string;
  isSecureContext: boolean;
  hasSubtleCrypto: boolean;
  /** True when the page has a Node-only global it should not (a sign of a Node bundle). */
  hasProcess: boolean;
}

export interface SignPageGlobals {
  fgkitReady?: boolean;
  fgkitEnvironment: () => SignPageEnvironment;
  fgkitSign: (cases: SignCase[]) => Promise<SignOutcome[]>;
}

/** What a call in the redirect page ended with: an answer, or the error it rejected with. */
export type RedirectOutcome =
  | { status: number; type: string }
  | { error: { name: string; message: string; status?: number; code?: string | undefined } };

export interface RedirectPageGlobals {
  fgkitReady?: boolean;
  fgkitCall: (url: string, token: string) => Promise<RedirectOutcome>;
  plainFetch: (url: string, token: string) => Promise<RedirectOutcome>;
}

/** The client page's project and keys (test keys: the test checks each signature with them). */
export const CLIENT_PROJECT = "0123456789abcdef0123456789abcdef";
export const CLIENT_CREDENTIALS = { ak: "HPUABROWSERAK0123456", sk: "BrowserSecretKey0123456789abcdefghijklmno" };

/** What the client page (client-page.ts) reports of its calls through @fgkit/client. */
export interface ClientOutcome {
  /** The function names paginateListFunctions walked, in order. */
  names: string[];
  /** The quotas a flaky endpoint (503, then 200) gave after a retry, or the error. */
  quotas: unknown;
  /** The error of a call to an endpoint that never answers. */
  timeout: { name: string; code?: string | undefined; message: string };
  /** The error of a call refused before anything was sent. */
  refused: { name: string; field?: string | undefined; message: string };
}

export interface ClientPageGlobals {
  fgkitReady?: boolean;
  fgkitRun: (endpoint: string) => Promise<ClientOutcome>;
}
