import { errorFromResponse, parseErrorBody } from "../errors/from-response.js";
import { FunctionGraphError } from "../errors/function-graph-error.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { checkMilliseconds } from "../errors/number-checks.js";
import { parseEndpoint } from "../transport/endpoint.js";
import { LinkedSignal } from "../transport/linked-signal.js";
import type { FetchLike } from "../transport/types.js";
import { untilAborted } from "../transport/until-aborted.js";
import type { TemporaryAccessKeys } from "./access-key-provider.js";

export interface EcsMetadataOptions {
  /** The metadata service (default http://169.254.169.254, the link-local address every ECS reaches). */
  endpoint?: string;
  fetch?: FetchLike;
  signal?: AbortSignal;
  /** Gives up after this long, both requests and their bodies included (default 5 s; 0 = no limit). */
  timeoutMs?: number;
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
  if (!options || typeof options !== "object") throw new InvalidInputError("options", "must be an object");
  // The service is plain http: by design (a link-local address, never routed off the host).
  const base =
    options.endpoint === undefined ? METADATA_SERVICE : parseEndpoint("endpoint", options.endpoint, { allowInsecureHttp: true });
  const timeoutMs = checkMilliseconds("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS);
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
    if (session.response.ok && session.text.trim() !== "") headers["X-Metadata-Token"] = session.text.trim();
    else if (session.response.status !== 404 && session.response.status !== 405)
      throw errorFromResponse(session.described, session.response, parseErrorBody(session.text));
    const answer = await exchange(send, "GET", `${base}${KEYS_PATH}`, headers, ending, timeoutMs);
    // A 401 here usually says "Please configure Cloud Service Agency first": the ECS has no agency.
    if (!answer.response.ok) throw errorFromResponse(answer.described, answer.response, parseErrorBody(answer.text));
    return keysFrom(answer.text, answer.described, answer.response.status);
  } finally {
    ending.release();
  }
}

interface Exchange {
  response: Response;
  text: string;
  /** The request as errors show it: method and URL, no headers (the session token is a secret). */
  described: { method: string; url: string; headers: Record<string, string> };
}

async function exchange(
  send: FetchLike,
  method: string,
  url: string,
  headers: Record<string, string>,
  ending: LinkedSignal,
  timeoutMs: number,
): Promise<Exchange> {
  const described = { method, url, headers: {} };
  try {
    // Bounded here too: a custom fetch may not heed the signal.
    const response = await untilAborted(send(new Request(url, { method, headers, signal: ending.signal })), ending);
    const text = await untilAborted(response.text(), ending);
    return { response, text, described };
  } catch (cause) {
    const [code, why] = ending.timedOut
      ? ["Timeout", `no answer from the ECS metadata service within ${timeoutMs} ms`]
      : ending.aborted
        ? ["Aborted", "aborted by the caller"]
        : ["NetworkError", "no response from the ECS metadata service (is this an ECS?)"];
    throw new FunctionGraphError(`${method} ${new URL(url).pathname}: ${why}`, {
      status: 0,
      code,
      request: described,
      cause,
    });
  }
}

/** The keys in the service's answer: `{ credential: { access, secret, securitytoken, expires_at } }`. */
function keysFrom(text: string, request: Exchange["described"], status: number): TemporaryAccessKeys {
  const credential = (parseErrorBody(text) as { credential?: Record<string, unknown> } | undefined)?.credential;
  const { access, secret, securitytoken, expires_at } = credential ?? {};
  const expiresAt = new Date(typeof expires_at === "string" ? expires_at : Number.NaN);
  const given = (value: unknown) => typeof value === "string" && value !== "";
  if (!given(access) || !given(secret) || !given(securitytoken) || Number.isNaN(expiresAt.getTime()))
    // The body is left out: it may hold part of the keys.
    throw new FunctionGraphError(
      `GET ${KEYS_PATH}: the metadata service answered without credential.access, secret, securitytoken and expires_at`,
      { status, code: "InvalidResponseBody", request },
    );
  return { ak: access as string, sk: secret as string, securityToken: securitytoken as string, expiresAt };
}
