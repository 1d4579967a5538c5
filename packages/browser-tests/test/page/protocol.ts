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
