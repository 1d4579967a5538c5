// Property tests for the SDK-HMAC-SHA256 signer against an independent, gateway-side verifier.
//
// The verifier below is written from SIGNING.md (sections 3, 4 and 9), not from src/signing: it sees
// only what a server receives (method, request target, header lines, body bytes), rebuilds the
// canonical request with its own octet-level percent-encoding, hashes with node:crypto and compares
// with the Authorization header. It is anchored on the official SDK's vectors before being used as
// an oracle for random requests.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type AccessKeyCredentials,
  computeSignature,
  defaultFetch,
  formatSdkDate,
  signRequest,
  withAuth,
  withRetry,
} from "../../src/index.js";
import { rawHeaderPairs } from "../support/loopback-server.js";
import { type Vector, vectors } from "./vectors.js";

// ---------------------------------------------------------------------------------------------
// What a server receives, and the verifier
// ---------------------------------------------------------------------------------------------

/** One request as it arrives: the request line, the header lines (as parsed), the body bytes. */
interface Received {
  method: string;
  /** The request target: path plus `?query`, exactly as on the request line. */
  target: string;
  /** Header lines in arrival order, names in any case, values as an HTTP parser hands them over. */
  headers: [string, string][];
  body: Uint8Array;
}

type Verdict = { ok: true; canonicalRequest: string } | { ok: false; reason: string; canonicalRequest?: string };

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
const HEX_PAIR = /^[0-9A-Fa-f]{2}$/;
const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** %XX over octets: unreserved octets stay literal, every other octet is %XX in upper-case hex. */
function encodeOctets(octets: Uint8Array): string {
  let out = "";
  for (const octet of octets) {
    const char = String.fromCharCode(octet);
    out += UNRESERVED.test(char) ? char : `%${octet.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Decodes the %XX escapes of a wire string to octets; a `%` not followed by two hex digits is literal. */
function decodeOctets(text: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < text.length; ) {
    if (text[i] === "%" && HEX_PAIR.test(text.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(text.slice(i + 1, i + 3), 16));
      i += 3;
      continue;
    }
    const codePoint = text.codePointAt(i) as number;
    const char = String.fromCodePoint(codePoint);
    out.push(...utf8.encode(char));
    i += char.length;
  }
  return Uint8Array.from(out);
}

/** Decoded text of a wire string; throws when its escapes are not UTF-8 (a gateway answers 400). */
const decodeText = (text: string) => strictUtf8.decode(decodeOctets(text));

/** Code-unit comparison, the order SIGNING.md prescribes for query keys, values and header names. */
const codeUnitOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** HTTP parsers strip optional whitespace (SP and HTAB only) around a field value. */
const stripOws = (value: string) => value.replace(/^[\t ]+|[\t ]+$/g, "");

const sha256 = (data: string | Uint8Array) => createHash("sha256").update(data).digest("hex");

const AUTHORIZATION = /^SDK-HMAC-SHA256 Access=([^\s,]+), SignedHeaders=([^\s,]+), Signature=([0-9a-f]{64})$/;
const BASIC_DATE = /^\d{8}T\d{6}Z$/;

function canonicalUriOf(path: string): string {
  const encoded = path
    .split("/")
    .map((segment) => encodeOctets(decodeOctets(segment)))
    .join("/");
  return encoded.endsWith("/") ? encoded : `${encoded}/`;
}

function canonicalQueryOf(query: string): string {
  const pairs: [string, string][] = [];
  for (const part of query.split("&")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    pairs.push(eq < 0 ? [decodeText(part), ""] : [decodeText(part.slice(0, eq)), decodeText(part.slice(eq + 1))]);
  }
  pairs.sort((a, b) => codeUnitOrder(a[0], b[0]) || codeUnitOrder(a[1], b[1]));
  return pairs.map(([k, v]) => `${encodeOctets(utf8.encode(k))}=${encodeOctets(utf8.encode(v))}`).join("&");
}

/** The gateway: looks the access key up, rebuilds the canonical request from what arrived, checks the HMAC. */
function verify(received: Received, secrets: ReadonlyMap<string, string>): Verdict {
  // Repeated field lines are combined with ", ", as HTTP allows for list-valued fields.
  const fields = new Map<string, string>();
  for (const [rawName, rawValue] of received.headers) {
    const name = rawName.toLowerCase();
    const value = stripOws(rawValue);
    fields.set(name, fields.has(name) ? `${fields.get(name)}, ${value}` : value);
  }
  const match = AUTHORIZATION.exec(fields.get("authorization") ?? "");
  if (!match) return { ok: false, reason: "no SDK-HMAC-SHA256 Authorization header" };
  const [, accessKey = "", signedList = "", signature = ""] = match;
  const secret = secrets.get(accessKey);
  if (secret === undefined) return { ok: false, reason: `unknown access key ${accessKey}` };

  const names = signedList.split(";");
  if (names.some((name) => name === "" || name !== name.toLowerCase())) return { ok: false, reason: "bad SignedHeaders" };
  if (new Set(names).size !== names.length) return { ok: false, reason: "a header is listed twice in SignedHeaders" };
  for (const required of ["host", "x-sdk-date"])
    if (!names.includes(required)) return { ok: false, reason: `${required} is not signed` };
  if (names.includes("authorization")) return { ok: false, reason: "authorization is signed" };
  if (fields.has("x-security-token") && !names.includes("x-security-token"))
    return { ok: false, reason: "x-security-token is not signed" };
  for (const name of names) if (!fields.has(name)) return { ok: false, reason: `signed header ${name} did not arrive` };
  const date = fields.get("x-sdk-date") as string;
  if (!BASIC_DATE.test(date)) return { ok: false, reason: `x-sdk-date ${date} is not YYYYMMDDTHHmmssZ` };

  const sorted = [...names].sort(codeUnitOrder);
  const queryAt = received.target.indexOf("?");
  const path = queryAt < 0 ? received.target : received.target.slice(0, queryAt);
  let canonicalQuery: string;
  try {
    canonicalQuery = queryAt < 0 ? "" : canonicalQueryOf(received.target.slice(queryAt + 1));
  } catch {
    return { ok: false, reason: "query escapes are not UTF-8" };
  }
  const unsignedPayload = names.includes("x-sdk-content-sha256") ? fields.get("x-sdk-content-sha256") : undefined;
  const canonicalRequest = [
    received.method,
    canonicalUriOf(path),
    canonicalQuery,
    sorted.map((name) => `${name}:${fields.get(name)}\n`).join(""),
    sorted.join(";"),
    unsignedPayload ?? sha256(received.body),
  ].join("\n");
  const stringToSign = `SDK-HMAC-SHA256\n${date}\n${sha256(canonicalRequest)}`;
  const expected = createHmac("sha256", Buffer.from(secret, "utf8")).update(stringToSign, "utf8").digest();
  if (!timingSafeEqual(expected, Buffer.from(signature, "hex")))
    return { ok: false, reason: "signature mismatch", canonicalRequest };
  return { ok: true, canonicalRequest };
}

/** What the wire carries for a fetch Request: its method, the final URL's path and query, its headers plus host. */
async function receivedFrom(request: Request): Promise<Received> {
  const url = new URL(request.url);
  return {
    method: request.method,
    target: `${url.pathname}${url.search}`,
    headers: [["Host", url.host], ...request.headers],
    body: new Uint8Array(await request.arrayBuffer()),
  };
}

/**
 * Whether every escape in the target decodes to UTF-8. A %XX run that is not UTF-8 (`%FF`) has no agreed
 * canonical form: the signer keeps it literally (`%25FF`), an octet-level gateway re-encodes the octet
 * (`%FF`). Only a raw URL can carry one (values encoded from strings never do), so such targets are skipped.
 */
function escapesAreUtf8(target: string): boolean {
  const queryAt = target.indexOf("?");
  const path = queryAt < 0 ? target : target.slice(0, queryAt);
  const query = queryAt < 0 ? "" : target.slice(queryAt + 1);
  try {
    for (const segment of path.split("/")) decodeText(segment);
    for (const part of query.split("&")) for (const piece of part.split("=")) decodeText(piece);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

const RESERVED = [..."!#$&'()*+,/:;=?@[]%\"<>\\^`{|}~ .-_"];
const ESCAPES = ["%", "%%", "%zz", "%4", "%41", "%2F", "%2f", "%25", "%20", "%C3%A9", "%e4%b8%80", "%F0%9F%98%80", "%3A"];

/** Text mixing reserved characters, escapes, spaces, colons and arbitrary Unicode (no lone surrogates). */
const text = (maxLength: number) =>
  fc.string({
    unit: fc.oneof(
      { arbitrary: fc.constantFrom(...RESERVED), weight: 3 },
      { arbitrary: fc.constantFrom(...ESCAPES), weight: 1 },
      { arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }), weight: 3 },
      { arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }), weight: 1 },
      { arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }), weight: 1 },
    ),
    maxLength,
  });

/** How a caller puts a value into the URL: strictly, like encodeURIComponent, like the client (raw `:`), or raw. */
type UrlEncoding = "strict" | "component" | "urn" | "raw";
const urlEncoding = fc.constantFrom<UrlEncoding>("strict", "component", "urn", "raw");

function encodeFor(value: string, how: UrlEncoding): string {
  switch (how) {
    case "strict":
      return encodeOctets(utf8.encode(value));
    case "component":
      return encodeURIComponent(value);
    case "urn":
      return encodeURIComponent(value).replace(/%3A/gi, ":");
    case "raw":
      return value;
  }
}

const pathArb = fc.array(fc.tuple(text(10), urlEncoding), { maxLength: 5 });
const queryArb = fc.option(
  fc.array(
    fc.record({
      // A small pool of keys makes repeated keys common.
      key: fc.oneof(fc.constantFrom("a", "A", "b", "tag", "a:", "a1", "一", "z", ""), text(6)),
      value: fc.oneof(fc.constant(""), text(8)),
      noEquals: fc.boolean(),
      how: urlEncoding,
    }),
    { maxLength: 6 },
  ),
  { nil: undefined },
);

const ORIGINS = [
  "https://functiongraph.cn-north-4.myhuaweicloud.com",
  "https://fg.example.com:8443",
  "https://FG.Example.COM:443",
  "http://127.0.0.1:8080",
];

// Headers the transport owns or the signer treats specially (tested on their own below).
const NOT_GENERATED = new Set([
  "host",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "expect",
  "content-length",
  "proxy-connection",
  "authorization",
  "x-sdk-date",
  "x-sdk-content-sha256",
  "x-security-token",
]);
const headerName = fc
  .oneof(
    fc.constantFrom(
      "X-Trace-A",
      "x_trace_a",
      "x-trace-a",
      "X-Cff-Log-Type",
      "Content-Type",
      "Accept",
      "X-Project-Id",
      "x-a",
      // A valid token that plain-object header records lose (see "signing through a real HTTP server").
      "__proto__",
    ),
    fc.stringMatching(/^[!#$%&'*+\-.^_`|~0-9A-Za-z]{1,16}$/),
  )
  .filter((name) => !NOT_GENERATED.has(name.toLowerCase()));

const headerChar = fc.oneof(
  { arbitrary: fc.constantFrom(" ", "\t", "  "), weight: 2 },
  { arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }), weight: 6 },
  { arbitrary: fc.integer({ min: 0x80, max: 0xff }).map((code) => String.fromCharCode(code)), weight: 1 },
);
/** A field value a header can carry (HTAB, SP, VCHAR, obs-text), often padded with spaces. */
const headerValue = fc
  .oneof(
    fc.string({ unit: headerChar, maxLength: 16 }),
    fc.constantFrom("multipart/form-data; boundary=xyz", "application/json", "  padded  ", "a,  b\t c"),
  )
  // KNOWN BUG (see "trims only SP and HTAB" below): an NBSP at either end is trimmed by the signer but
  // not by HTTP parsers. Kept out of the random values so the properties test everything else.
  .filter((value) => !/^\xa0|\xa0$/.test(stripOws(value)));
const headersArb = fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 });

const FORBIDDEN_METHODS = new Set(["CONNECT", "TRACE", "TRACK"]);
const methodArb = fc.oneof(
  fc.mixedCase(fc.constantFrom("get", "head", "post", "put", "delete", "options")),
  fc.constant("PATCH"),
  fc.stringMatching(/^[A-Z]{3,10}$/).filter((m) => !FORBIDDEN_METHODS.has(m)),
);
const bodyArb = fc.oneof(
  fc.constant(null),
  fc.constant(""),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.uint8Array({ maxLength: 64 }),
);

const credentialsArb = fc.record({
  ak: fc.stringMatching(/^[A-Z0-9]{4,24}$/),
  sk: fc.string({ unit: "binary", minLength: 1, maxLength: 40 }),
  securityToken: fc.option(
    fc.tuple(fc.constantFrom("", " ", "\t "), fc.stringMatching(/^[A-Za-z0-9+/=_-]{1,40}$/), fc.constantFrom("", "  ")),
    { nil: undefined },
  ),
});
const dateArb = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T23:59:59Z"), noInvalidDate: true });

const requestArb = fc.record({
  origin: fc.constantFrom(...ORIGINS),
  method: methodArb,
  path: pathArb,
  query: queryArb,
  headers: headersArb,
  body: bodyArb,
  credentials: credentialsArb,
  date: dateArb,
  /** A caller-supplied X-Sdk-Date (kept by the signer) instead of the signing time. */
  callerDate: fc.option(dateArb, { nil: undefined }),
  /** A stale Authorization (a retried request): replaced, never signed. */
  staleAuthorization: fc.boolean(),
});
type RequestSpec = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

function urlOf(spec: Pick<RequestSpec, "origin" | "path" | "query">): string {
  const path = spec.path.map(([segment, how]) => encodeFor(segment, how)).join("/");
  const query = spec.query?.map(({ key, value, noEquals, how }) =>
    noEquals && value === "" ? encodeFor(key, how) : `${encodeFor(key, how)}=${encodeFor(value, how)}`,
  );
  return `${spec.origin}/${path}${query ? `?${query.join("&")}` : ""}`;
}

const credentialsOf = (spec: RequestSpec): AccessKeyCredentials => ({
  ak: spec.credentials.ak,
  sk: spec.credentials.sk,
  ...(spec.credentials.securityToken ? { securityToken: spec.credentials.securityToken.join("") } : {}),
});

/** Builds the caller's Request (a body only where fetch allows one). */
function requestOf(spec: RequestSpec): Request {
  const headers = new Headers();
  for (const [name, value] of spec.headers) headers.append(name, value);
  if (spec.callerDate) headers.set("X-Sdk-Date", formatSdkDate(spec.callerDate));
  if (spec.staleAuthorization) headers.set("Authorization", "SDK-HMAC-SHA256 Access=OLD, SignedHeaders=host, Signature=0");
  const request = new Request(urlOf(spec), { method: spec.method, headers });
  const bodyAllowed = request.method !== "GET" && request.method !== "HEAD";
  return new Request(request, { body: bodyAllowed ? spec.body : null });
}

const secretsOf = (credentials: AccessKeyCredentials) => new Map([[credentials.ak, credentials.sk]]);

function expectVerified(verdict: Verdict, context: () => unknown): void {
  if (!verdict.ok) expect.fail(`${verdict.reason}\n${JSON.stringify(context(), null, 1)}`);
}

// ---------------------------------------------------------------------------------------------
// The verifier itself
// ---------------------------------------------------------------------------------------------

function receivedFromVector(v: Vector, authorization = v.expected.authorization): Received {
  const url = new URL(v.url);
  return {
    method: v.method,
    target: `${url.pathname}${url.search}`,
    headers: [...Object.entries(v.headers), ["Authorization", authorization]],
    body: utf8.encode(v.body ?? ""),
  };
}

describe("the test's gateway verifier", () => {
  it.each(vectors.map((v) => [v.name, v] as const))("accepts the official SDK's signature for %s", (_, v) => {
    const verdict = verify(receivedFromVector(v), new Map([[v.ak, v.sk]]));
    expect(verdict).toEqual({ ok: true, canonicalRequest: v.expected.canonical_request });
  });

  it("rejects a vector with another secret, another signature or a changed body", () => {
    const v = vectors.find((vector) => vector.name === "post-invoke-urn-json-body") as Vector;
    expect(verify(receivedFromVector(v), new Map([[v.ak, `${v.sk}x`]])).ok).toBe(false);
    expect(verify(receivedFromVector(v, v.expected.authorization.replace(/.$/, "0")), new Map([[v.ak, v.sk]])).ok).toBe(
      v.expected.authorization.endsWith("0"),
    );
    expect(verify({ ...receivedFromVector(v), body: utf8.encode(`${v.body} `) }, new Map([[v.ak, v.sk]])).ok).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

const RUNS = 200;

describe("signRequest: any request it signs verifies at the gateway", () => {
  it("verifies for any method, path, query, headers, body, credentials and date", async () => {
    await fc.assert(
      fc.asyncProperty(requestArb, async (spec) => {
        const request = requestOf(spec);
        const credentials = credentialsOf(spec);
        const signed = await signRequest(request, credentials, { date: spec.date });
        const received = await receivedFrom(signed);
        fc.pre(escapesAreUtf8(received.target));
        const verdict = verify(received, secretsOf(credentials));
        expectVerified(verdict, () => ({ url: signed.url, received }));

        // What was sent is what the caller asked for, and everything the caller set is signed.
        expect(signed.url).toBe(request.url);
        expect(signed.method).toBe(request.method);
        const expectedDate = spec.callerDate ? formatSdkDate(spec.callerDate) : formatSdkDate(spec.date);
        expect(signed.headers.get("x-sdk-date")).toBe(expectedDate);
        const signedNames = (/SignedHeaders=([^,]+)/.exec(signed.headers.get("authorization") ?? "")?.[1] ?? "").split(";");
        for (const [name, value] of request.headers) {
          if (name === "authorization") continue;
          if (name === "content-type" && value.includes("multipart/form-data")) expect(signedNames).not.toContain(name);
          else expect(signedNames).toContain(name);
        }
        if (credentials.securityToken)
          expect(signed.headers.get("x-security-token")).toBe(credentials.securityToken.replace(/^[\t ]+|[\t ]+$/g, ""));
      }),
      { numRuns: RUNS },
    );
  });

  it("fails verification when any signed part is changed", async () => {
    type Change = "header" | "drop-header" | "query" | "body" | "path" | "method" | "secret";
    await fc.assert(
      fc.asyncProperty(
        requestArb,
        fc.constantFrom<Change>("header", "drop-header", "query", "body", "path", "method", "secret"),
        fc.nat(),
        async (spec, change, pick) => {
          const credentials = credentialsOf(spec);
          const signed = await signRequest(requestOf(spec), credentials, { date: spec.date });
          const received = await receivedFrom(signed);
          fc.pre(escapesAreUtf8(received.target));
          expectVerified(verify(received, secretsOf(credentials)), () => received);

          const signedNames = (/SignedHeaders=([^,]+)/.exec(signed.headers.get("authorization") ?? "")?.[1] ?? "").split(";");
          const tampered: Received = { ...received, headers: [...received.headers] };
          const secrets = secretsOf(credentials);
          const queryAt = received.target.indexOf("?");
          const path = queryAt < 0 ? received.target : received.target.slice(0, queryAt);
          const query = queryAt < 0 ? "" : received.target.slice(queryAt);
          const signedAt = received.headers
            .map(([name], index) => [name.toLowerCase(), index] as const)
            .filter(([name]) => signedNames.includes(name))
            .map(([, index]) => index);
          const at = signedAt[pick % signedAt.length] as number;
          const [name, value] = received.headers[at] as [string, string];
          switch (change) {
            case "header":
              // A visible change of one signed header value (a different date for X-Sdk-Date).
              tampered.headers[at] = [
                name,
                name.toLowerCase() === "x-sdk-date"
                  ? value.replace(/^(\d{3})(\d)/, (_, head: string, digit: string) => `${head}${(Number(digit) + 1) % 10}`)
                  : `${value}Z`,
              ];
              break;
            case "drop-header":
              tampered.headers.splice(at, 1);
              break;
            case "query": {
              const pairs = query.slice(1).split("&");
              const nonEmpty = pairs.map((p, i) => [p, i] as const).filter(([p]) => p !== "");
              if (nonEmpty.length === 0) tampered.target = `${path}?z=1`;
              else {
                const [pair, index] = nonEmpty[pick % nonEmpty.length] as readonly [string, number];
                pairs[index] = pair.includes("=") ? `${pair}Z` : `${pair}=Z`;
                tampered.target = `${path}?${pairs.join("&")}`;
              }
              break;
            }
            case "body":
              if (received.body.length === 0) tampered.body = Uint8Array.of(pick % 256);
              else {
                tampered.body = received.body.slice();
                const byte = pick % received.body.length;
                tampered.body[byte] = (tampered.body[byte] as number) ^ (1 << (pick % 8));
              }
              break;
            case "path":
              tampered.target = `${path}Z${query}`;
              break;
            case "method":
              tampered.method = received.method === "POST" ? "PUT" : "POST";
              break;
            case "secret":
              secrets.set(credentials.ak, `${credentials.sk}x`);
              break;
          }
          const verdict = verify(tampered, secrets);
          if (verdict.ok) expect.fail(`a ${change} change still verified: ${JSON.stringify({ received, tampered }, null, 1)}`);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("computeSignature over raw header pairs", () => {
  it("verifies when the receiving parser strips the padding of every header value", async () => {
    const pairsArb = fc.uniqueArray(fc.tuple(headerName, headerValue), {
      selector: ([name]) => name.toLowerCase(),
      maxLength: 6,
    });
    await fc.assert(
      fc.asyncProperty(requestArb, pairsArb, async (spec, pairs) => {
        const url = new URL(urlOf(spec));
        const credentials = credentialsOf(spec);
        const body = spec.body;
        const signature = await computeSignature({ method: spec.method.toUpperCase(), url, headers: pairs, body }, credentials, {
          date: spec.date,
        });
        // The same request on the wire: every header line as given, then the ones the signer added.
        const received: Received = {
          method: spec.method.toUpperCase(),
          target: `${url.pathname}${url.search}`,
          headers: [["host", url.host], ...pairs, ...Object.entries(signature.headers)],
          body: typeof body === "string" ? utf8.encode(body) : (body ?? new Uint8Array(0)),
        };
        fc.pre(escapesAreUtf8(received.target));
        expectVerified(verify(received, secretsOf(credentials)), () => ({ received, canonical: signature.canonicalRequest }));
      }),
      { numRuns: RUNS },
    );
  });
});

describe("signing through a real HTTP server", () => {
  let server: Server;
  let origin: string;
  const arrivals: Received[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const headers = rawHeaderPairs(req);
        arrivals.push({ method: req.method ?? "", target: req.url ?? "", headers, body: new Uint8Array(Buffer.concat(chunks)) });
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // Methods fetch sends as given or upper-cases (a lower-case extension method would reach the server
  // as sent, and node:http refuses it).
  const wireMethod = fc.mixedCase(fc.constantFrom("get", "head", "post", "put", "delete", "options"));

  /** What the server received from one request `send` makes. */
  async function arrivalOf(send: () => Promise<Response>): Promise<Received> {
    arrivals.length = 0;
    await (await send()).arrayBuffer();
    const [received] = arrivals;
    expect(received).toBeDefined();
    return received as Received;
  }

  it("verifies what node:http received from fetch", async () => {
    // KNOWN UPSTREAM BUG: the undici in Node 20 and 22 drops a request header named __proto__ (it
    // copies the headers into a plain object; nodejs/undici#5666). Kept out here; fgkit's own Node
    // transport sends it (next test).
    const wireSpec = requestArb
      .filter((spec) => !spec.headers.some(([name]) => name === "__proto__"))
      .map((spec) => ({ ...spec, origin }));
    await fc.assert(
      fc.asyncProperty(wireSpec, wireMethod, async (spec, method) => {
        const credentials = credentialsOf(spec);
        const signed = await signRequest(requestOf({ ...spec, method }), credentials, { date: spec.date });
        fc.pre(escapesAreUtf8(new URL(signed.url).pathname + new URL(signed.url).search));
        const received = await arrivalOf(() => fetch(signed));
        expectVerified(verify(received, secretsOf(credentials)), () => received);
      }),
      { numRuns: 60 },
    );
  });

  it("verifies what node:http received from fgkit's Node transport, signed by withAuth", async () => {
    const wireSpec = requestArb.map((spec) => ({ ...spec, origin }));
    await fc.assert(
      fc.asyncProperty(wireSpec, wireMethod, async (spec, method) => {
        const credentials = credentialsOf(spec);
        const request = requestOf({ ...spec, method });
        fc.pre(escapesAreUtf8(new URL(request.url).pathname + new URL(request.url).search));
        // The layers fgkit's client uses, over the default transport (its direct entry on Node).
        const send = withRetry(withAuth(defaultFetch, { kind: "accessKey", credentials }), { maxAttempts: 1 });
        const received = await arrivalOf(() => send(request));
        expectVerified(verify(received, secretsOf(credentials)), () => received);
        // Every header the caller set arrived, __proto__ included.
        const arrived = new Set(received.headers.map(([name]) => name.toLowerCase()));
        for (const [name] of spec.headers) expect(arrived).toContain(name.toLowerCase());
      }),
      { numRuns: 60 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Edge cases where the official signer and a receiving gateway disagree; fgkit signs what is received.
// ---------------------------------------------------------------------------------------------

describe("signs what the receiver sees", () => {
  const credentials = { ak: "AKEXAMPLE", sk: "secret" };
  const date = new Date("2025-01-02T03:04:05Z");

  it("trims only SP and HTAB around header values, as HTTP parsers do (a trailing NBSP is sent and must be signed)", async () => {
    const signed = await signRequest(
      new Request("https://fg.example.com/v2/p", { headers: { "X-Note": "caf\xe9\xa0" } }),
      credentials,
      {
        date,
      },
    );
    const received = await receivedFrom(signed);
    // The wire keeps the NBSP (fetch only strips HTTP whitespace; node:http and other parsers keep it too).
    expect(signed.headers.get("x-note")).toBe("caf\xe9\xa0");
    expectVerified(verify(received, secretsOf(credentials)), () => received);
  });

  it("trims each value of a repeated header before joining (computeSignature with raw pairs)", async () => {
    const url = new URL("https://fg.example.com/v2/p");
    const pairs: [string, string][] = [
      ["X-Tag", " a "],
      ["x-tag", " b"],
    ];
    const signature = await computeSignature({ method: "GET", url, headers: pairs }, credentials, { date });
    const received: Received = {
      method: "GET",
      target: url.pathname,
      headers: [["host", url.host], ...pairs, ...Object.entries(signature.headers)],
      body: new Uint8Array(0),
    };
    // The gateway sees "a" and "b" (each line stripped) and combines them as "a, b"; the signer signs "a ,  b".
    expectVerified(verify(received, secretsOf(credentials)), () => signature.canonicalRequest);
  });

  it("signs the method that is sent (fetch keeps an extension method such as `purge` in lower case)", async () => {
    const signed = await signRequest(new Request("https://fg.example.com/v2/p", { method: "purge", body: "{}" }), credentials, {
      date,
    });
    expect(signed.method).toBe("purge");
    const received = await receivedFrom(signed);
    expectVerified(verify(received, secretsOf(credentials)), () => received);
  });
});
