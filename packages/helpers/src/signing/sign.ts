// SDK-HMAC-SHA256 over plain request parts. signRequest wraps it for fetch Requests; transports that
// never build a Request (the Node keep-alive transport) call it directly.
import * as platformHashes from "#crypto";
import { type AccessKeyCredentials, assertAccessKeyCredentials } from "../auth/credentials.js";
import { checkKnownOptions, checkObject } from "../errors/argument-checks.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { type CanonicalHeaders, canonicalHeadersOf, canonicalQuery, canonicalUri, trimHttpWhitespace } from "./canonical.js";
import type { Hashes } from "./hashes.js";
import { formatSdkDate, sdkDateForSigning } from "./sdk-date.js";
import { SignatureResult } from "./signature-result.js";

export const ALGORITHM = "SDK-HMAC-SHA256";
export const EMPTY_BODY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export interface SigningInput {
  method: string;
  url: URL;
  /** Header names in any case; values as they will be sent. `host` comes from the URL. */
  headers: Iterable<[string, string]>;
  /** The exact body bytes that will be sent (a string is taken as UTF-8). */
  body?: Uint8Array | string | null | undefined;
}

export interface SignOptions {
  /** Signing time when the request carries no X-Sdk-Date (default: now). */
  date?: Date | undefined;
}

export interface Signature {
  /** Headers to add to the request: Authorization, and X-Sdk-Date / X-Security-Token when missing. */
  headers: Record<string, string>;
  authorization: string;
  signedHeaders: string;
  canonicalRequest: string;
  stringToSign: string;
}

// Canonical URIs of recent paths: a client calls the same few paths over and over. A path of
// unreserved characters only is its own canonical form (plus the trailing slash).
const canonicalPaths = new Map<string, string>();
const UNRESERVED_PATH = /^[A-Za-z0-9\-._~/]*$/;

function canonicalPath(pathname: string): string {
  if (UNRESERVED_PATH.test(pathname)) return pathname.endsWith("/") ? pathname : `${pathname}/`;
  let canonical = canonicalPaths.get(pathname);
  if (canonical === undefined) {
    if (canonicalPaths.size >= 256) canonicalPaths.clear();
    canonical = canonicalUri(pathname);
    canonicalPaths.set(pathname, canonical);
  }
  return canonical;
}

export function computeSignature(
  input: SigningInput,
  credentials: AccessKeyCredentials,
  options: SignOptions = {},
): Promise<Signature> {
  try {
    // The parts are checked at this public entry; fgkit's own callers build them right.
    checkSigningInput(input);
    checkObject("options", options);
    checkKnownOptions("", options, ["date"], { now: "is not an option: the signing time is date" });
    const { date } = options;
    if (date !== undefined && (!(date instanceof Date) || Number.isNaN(date.getTime())))
      throw new InvalidInputError("options.date", "must be a valid Date");
    return Promise.resolve(computeSignatureWith(platformHashes, input, credentials, options));
  } catch (error) {
    return Promise.reject(error);
  }
}

/** computeSignature over this platform's hashes, without a promise when they are synchronous (Node). */
export function signWithPlatformHashes(
  input: SigningInput,
  credentials: AccessKeyCredentials,
  options: SignOptions = {},
): Signature | Promise<Signature> {
  return computeSignatureWith(platformHashes, input, credentials, options);
}

/**
 * computeSignature over given hash functions (the tests run the vectors through each platform's).
 * With synchronous ones (node:crypto) it returns the Signature itself: no promise, no microtask.
 * Throws (rather than rejects) on bad input.
 */
export function computeSignatureWith(
  hashes: Hashes,
  input: SigningInput,
  credentials: AccessKeyCredentials,
  options: SignOptions = {},
): Signature | Promise<Signature> {
  assertAccessKeyCredentials(credentials);
  const added: Record<string, string> = {};
  // Lower-cased name and trimmed value pairs, one per name (a few headers: a list beats a Map).
  const signed: [string, string][] = [];
  const find = (name: string) => signed.find((entry) => entry[0] === name);
  let sdkDate: string | undefined;
  let payloadHash: string | undefined;
  let index = 0;
  for (const entry of input.headers as Iterable<unknown>) {
    // Headers gives arrays; a hand-made list may hold anything (a stray 0 would not destructure).
    if (!Array.isArray(entry) || typeof entry[0] !== "string" || typeof entry[1] !== "string")
      throw new InvalidInputError(`input.headers[${index}]`, "must be a [name, value] pair of strings");
    index++;
    const [rawName, value] = entry as [string, string];
    const name = rawName.toLowerCase();
    // A stale Authorization (a retried request) is replaced, never signed.
    if (name === "authorization") continue;
    if (name === "x-sdk-date") sdkDate = value;
    if (name === "x-sdk-content-sha256") payloadHash = value.trim();
    // Each value is trimmed before repeated headers are joined, as the receiver sees them.
    const trimmed = trimHttpWhitespace(value);
    const seen = find(name);
    if (seen) seen[1] = `${seen[1]}, ${trimmed}`;
    else signed.push([name, trimmed]);
  }
  if (sdkDate === undefined) {
    sdkDate = formatSdkDate(options.date ?? new Date());
    added["X-Sdk-Date"] = sdkDate;
    signed.push(["x-sdk-date", sdkDate]);
  }
  // Read before any hashing: an unreadable X-Sdk-Date is bad input, thrown here rather than rejected.
  const date = sdkDateForSigning(sdkDate);
  if (credentials.securityToken !== undefined && !find("x-security-token")) {
    added["X-Security-Token"] = credentials.securityToken;
    signed.push(["x-security-token", trimHttpWhitespace(credentials.securityToken)]);
  }
  const host = find("host");
  if (host) host[1] = input.url.host;
  else signed.push(["host", input.url.host]);

  const headers = canonicalHeadersOf(signed);
  const body = input.body;
  const payload = payloadHash ?? (body == null || body.length === 0 ? EMPTY_BODY_SHA256 : hashes.sha256Hex(body));
  const pending: Pending = { hashes, input, credentials, added, headers, date };
  return typeof payload === "string" ? withPayloadHash(pending, payload) : payload.then((hash) => withPayloadHash(pending, hash));
}

// The rest of a signature, in steps that continue at once when a hash is already computed
// (node:crypto) or once a Web Crypto one resolves.
interface Pending {
  hashes: Hashes;
  input: SigningInput;
  credentials: AccessKeyCredentials;
  added: Record<string, string>;
  headers: CanonicalHeaders;
  /** The X-Sdk-Date in basic form, for the string to sign. */
  date: string;
}

function withPayloadHash(p: Pending, payloadHash: string): Signature | Promise<Signature> {
  const canonicalRequest = [
    // The method exactly as sent: fetch upper-cases the standard ones but keeps e.g. "purge".
    p.input.method,
    canonicalPath(p.input.url.pathname),
    canonicalQuery(p.input.url.search),
    p.headers.lines,
    p.headers.signedHeaders,
    payloadHash,
  ].join("\n");
  const requestHash = p.hashes.sha256Hex(canonicalRequest);
  return typeof requestHash === "string"
    ? withRequestHash(p, canonicalRequest, p.date, requestHash)
    : requestHash.then((hash) => withRequestHash(p, canonicalRequest, p.date, hash));
}

function withRequestHash(
  p: Pending,
  canonicalRequest: string,
  date: string,
  requestHash: string,
): Signature | Promise<Signature> {
  const stringToSign = `${ALGORITHM}\n${date}\n${requestHash}`;
  const signature = p.hashes.hmacSha256Hex(p.credentials.sk, stringToSign);
  return typeof signature === "string"
    ? sealed(p, canonicalRequest, stringToSign, signature)
    : signature.then((hex) => sealed(p, canonicalRequest, stringToSign, hex));
}

function sealed(p: Pending, canonicalRequest: string, stringToSign: string, signature: string): Signature {
  const { signedHeaders } = p.headers;
  const authorization = `${ALGORITHM} Access=${p.credentials.ak}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  p.added.Authorization = authorization;
  return new SignatureResult(p.added, authorization, signedHeaders, canonicalRequest, stringToSign);
}

/** The parts a signature is made of, checked: a TypeError from inside would name none of them. */
function checkSigningInput(input: SigningInput): void {
  checkObject("input", input);
  const { method, url, headers, body } = input;
  if (typeof method !== "string" || method === "") throw new InvalidInputError("input.method", "must be a non-empty string");
  if (!(url instanceof URL)) throw new InvalidInputError("input.url", "must be a URL");
  if (typeof (headers as { [Symbol.iterator]?: unknown } | null)?.[Symbol.iterator] !== "function" || typeof headers === "string")
    throw new InvalidInputError("input.headers", "must be an iterable of [name, value] pairs (a Headers, or entries)");
  if (body !== undefined && body !== null && typeof body !== "string" && !(body instanceof Uint8Array))
    throw new InvalidInputError("input.body", "must be a string, a Uint8Array or null");
}
