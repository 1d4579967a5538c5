// SDK-HMAC-SHA256 over plain request parts. signRequest wraps it for fetch Requests; transports that
// never build a Request (the Node keep-alive transport) call it directly.
import { type AccessKeyCredentials, assertAccessKeyCredentials } from "../auth/credentials.js";
import { canonicalHeaders, canonicalQuery, canonicalUri, trimHttpWhitespace } from "./canonical.js";
import { hmacSha256Hex, sha256Hex } from "./crypto.js";
import { formatSdkDate, sdkDateForSigning } from "./sdk-date.js";

export const ALGORITHM = "SDK-HMAC-SHA256";
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export interface SigningInput {
  method: string;
  url: URL;
  /** Header names in any case; values as they will be sent. `host` comes from the URL. */
  headers: Iterable<[string, string]>;
  /** The exact body bytes that will be sent (a string is taken as UTF-8). */
  body?: Uint8Array | string | null;
}

export interface SignOptions {
  /** Signing time when the request carries no X-Sdk-Date (default: now). */
  date?: Date;
}

export interface Signature {
  /** Headers to add to the request: Authorization, and X-Sdk-Date / X-Security-Token when missing. */
  headers: Record<string, string>;
  authorization: string;
  signedHeaders: string;
  canonicalRequest: string;
  stringToSign: string;
}

export async function computeSignature(
  input: SigningInput,
  credentials: AccessKeyCredentials,
  options: SignOptions = {},
): Promise<Signature> {
  assertAccessKeyCredentials(credentials);
  const added: Record<string, string> = {};
  const signed = new Map<string, string>();
  let sdkDate: string | undefined;
  let payloadHash: string | undefined;
  for (const [rawName, value] of input.headers) {
    const name = rawName.toLowerCase();
    // A stale Authorization (a retried request) is replaced, never signed.
    if (name === "authorization") continue;
    if (name === "x-sdk-date") sdkDate = value;
    if (name === "x-sdk-content-sha256") payloadHash = value.trim();
    // Each value is trimmed before repeated headers are joined, as the receiver sees them.
    const trimmed = trimHttpWhitespace(value);
    signed.set(name, signed.has(name) ? `${signed.get(name)}, ${trimmed}` : trimmed);
  }
  if (sdkDate === undefined) {
    sdkDate = formatSdkDate(options.date ?? new Date());
    added["X-Sdk-Date"] = sdkDate;
    signed.set("x-sdk-date", sdkDate);
  }
  if (credentials.securityToken !== undefined && !signed.has("x-security-token")) {
    added["X-Security-Token"] = credentials.securityToken;
    signed.set("x-security-token", credentials.securityToken);
  }
  signed.set("host", input.url.host);

  const headers = canonicalHeaders(signed);
  const body = input.body;
  payloadHash ??= body == null || body.length === 0 ? EMPTY_BODY_SHA256 : await sha256Hex(body);
  const canonicalRequest = [
    // The method exactly as sent: fetch upper-cases the standard ones but keeps e.g. "purge".
    input.method,
    canonicalUri(input.url.pathname),
    canonicalQuery(input.url.search),
    headers.lines,
    headers.signedHeaders,
    payloadHash,
  ].join("\n");
  const stringToSign = `${ALGORITHM}\n${sdkDateForSigning(sdkDate)}\n${await sha256Hex(canonicalRequest)}`;
  const signature = await hmacSha256Hex(credentials.sk, stringToSign);
  const authorization = `${ALGORITHM} Access=${credentials.ak}, SignedHeaders=${headers.signedHeaders}, Signature=${signature}`;
  added.Authorization = authorization;
  return { headers: added, authorization, signedHeaders: headers.signedHeaders, canonicalRequest, stringToSign };
}
