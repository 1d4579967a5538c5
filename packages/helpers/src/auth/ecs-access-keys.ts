import { checkFunction, checkKnownOptions, checkObject, checkSignal } from "../errors/argument-checks.js";
import { errorFromResponse, parseErrorBody } from "../errors/from-response.js";
import { callLabel, type ErrorRequestInfo, FunctionGraphError } from "../errors/function-graph-error.js";
import { checkMilliseconds } from "../errors/number-checks.js";
import { answerHeadersWithoutSecrets, answerWithoutSecrets } from "../errors/without-secret.js";
import { parseEndpoint } from "../transport/endpoint.js";
import { LinkedSignal } from "../transport/linked-signal.js";
import type { FetchLike } from "../transport/types.js";
import type { TemporaryAccessKeys } from "./access-key-provider.js";
import { isHeaderSafe } from "./credentials.js";
import { withSecretsHidden } from "./hidden-secrets.js";
import { exchangeWithin, serviceTime } from "./service-exchange.js";

export interface EcsMetadataOptions {
  /** The metadata service (default http://169.254.169.254, the link-local address every ECS reaches). */
  endpoint?: string | undefined;
  fetch?: FetchLike | undefined;
  signal?: AbortSignal | undefined;
  /** Gives up after this long, both requests and their bodies included (default 5 s; 0 = none of its own: Node's fetch still gives up after 300 s). */
  timeoutMs?: number | undefined;
}

const METADATA_SERVICE = "http://169.254.169.254";
const DEFAULT_TIMEOUT_MS = 5_000;
// The session token of the metadata service's token-guarded mode lives 6 hours, as the official SDKs ask.
const SESSION_TOKEN_TTL_SECONDS = "21600";
const TOKEN_PATH = "/meta-data/latest/api/token";
const KEYS_PATH = "/openstack/latest/securitykey";

/**
 * The temporary access keys of the agency bound to this ECS (or CCE node), from the metadata
 * service. The keys last about an hour; give this to createAccessKeyProvider, which caches them and
 * fetches new ones in time: `{ accessKeys: createAccessKeyProvider({ fetchKeys: fetchEcsAccessKeys }) }`.
 */
export async function fetchEcsAccessKeys(options: EcsMetadataOptions = {}): Promise<TemporaryAccessKeys> {
  checkObject("options", options);
  checkKnownOptions("", options, ["endpoint", "fetch", "signal", "timeoutMs"]);
  // The service is plain http: by design (a link-local address, never routed off the host).
  const base =
    options.endpoint === undefined ? METADATA_SERVICE : parseEndpoint("endpoint", options.endpoint, { allowInsecureHttp: true });
  const timeoutMs = checkMilliseconds("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS);
  if (options.fetch !== undefined) checkFunction("fetch", options.fetch, "(request: Request) => Promise<Response>");
  checkSignal("signal", options.signal);
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const ending = new LinkedSignal([options.signal], timeoutMs);
  try {
    // A service in token-guarded mode wants a session token first; an older one has no such path
    // (404 or 405) and answers without it.
    const session = await exchange(
      send,
      "PUT",
      `${base}${TOKEN_PATH}`,
      { "X-Metadata-Token-Ttl-Seconds": SESSION_TOKEN_TTL_SECONDS },
      ending,
      timeoutMs,
    );
    const headers: Record<string, string> = {};
    const sessionToken = session.text.trim();
    if (session.response.ok && sessionToken !== "") {
      // Something else at that address (a proxy's page, say) would fail in Headers, quoted whole.
      if (!isHeaderSafe(sessionToken))
        throw new FunctionGraphError(
          `PUT ${TOKEN_PATH}: the metadata service answered with something other than a session token`,
          {
            status: session.response.status,
            code: "InvalidResponseBody",
            request: session.described,
          },
        );
      headers["X-Metadata-Token"] = sessionToken;
    } else if (session.response.status !== 404 && session.response.status !== 405)
      throw errorFromResponse(session.described, session.response, parseErrorBody(session.text));
    const answer = await exchange(send, "GET", `${base}${KEYS_PATH}`, headers, ending, timeoutMs);
    // A 401 here usually says "Please configure Cloud Service Agency first": the ECS has no agency.
    // An answer that echoes the request would show the session token: it is cut out.
    if (!answer.response.ok)
      throw errorFromResponse(
        answer.described,
        answerHeadersWithoutSecrets(answer.response, sessionTokenOf(headers)),
        answerWithoutSecrets(answer.text, sessionTokenOf(headers)),
      );
    return keysFrom(answer.text, answer.described, answer.response.status);
  } finally {
    ending.release();
  }
}

/** One request to the metadata service; errors show its method and URL, no headers (the session token is a secret). */
function exchange(
  send: FetchLike,
  method: string,
  url: string,
  headers: Record<string, string>,
  ending: LinkedSignal,
  timeoutMs: number,
) {
  const described = { method, url, headers: {} };
  // A redirect is not followed: it would carry the session token on to wherever it points.
  const request = new Request(url, { method, headers, signal: ending.signal, redirect: "manual" });
  return exchangeWithin(send, request, ending, {
    label: callLabel({ method, url }),
    service: "the ECS metadata service",
    noResponseHint: ": is this an ECS?",
    described,
    timeoutMs,
    secrets: sessionTokenOf(headers),
  }).then((answer) => ({ ...answer, described }));
}

/** The keys in the service's answer: `{ credential: { access, secret, securitytoken, expires_at } }`. */
function keysFrom(text: string, request: ErrorRequestInfo, status: number): TemporaryAccessKeys {
  const credential = (parseErrorBody(text) as { credential?: Record<string, unknown> } | undefined)?.credential;
  const { access, secret, securitytoken, expires_at } = credential ?? {};
  const expiresAt = typeof expires_at === "string" ? serviceTime(expires_at) : new Date(Number.NaN);
  const given = (value: unknown) => typeof value === "string" && value !== "";
  if (!given(access) || !given(secret) || !given(securitytoken) || Number.isNaN(expiresAt.getTime()))
    // The body is left out: it may hold part of the keys.
    throw new FunctionGraphError(
      `GET ${KEYS_PATH}: the metadata service answered without credential.access, secret, securitytoken and expires_at`,
      { status, code: "InvalidResponseBody", request },
    );
  const keys = { ak: access as string, sk: secret as string, securityToken: securitytoken as string, expiresAt };
  return withSecretsHidden(keys, ["sk", "securityToken"]);
}

/** The session token a request to the service carries, as a list of secrets for errors to leave out. */
function sessionTokenOf(headers: Record<string, string>): string[] {
  const token = headers["X-Metadata-Token"];
  return token === undefined ? [] : [token];
}
