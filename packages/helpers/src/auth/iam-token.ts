import { checkFunction, checkKnownOptions, checkObject, checkSignal } from "../errors/argument-checks.js";
import { errorFromResponse, parseErrorBody } from "../errors/from-response.js";
import { FunctionGraphError } from "../errors/function-graph-error.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { checkMilliseconds } from "../errors/number-checks.js";
import { answerHeadersWithoutSecrets, answerWithoutSecrets } from "../errors/without-secret.js";
import { insecureHttpAllowed, parseEndpoint } from "../transport/endpoint.js";
import { LinkedSignal } from "../transport/linked-signal.js";
import type { FetchLike } from "../transport/types.js";
import { assertHeaderSafe } from "./credentials.js";
import { withSecretsHidden } from "./hidden-secrets.js";
import { exchangeWithin, serviceTime } from "./service-exchange.js";

export interface IamPasswordAuth {
  /** The region whose IAM endpoint is used (https://iam.<region>.myhuaweicloud.com), or give `iamEndpoint`. */
  region?: string | undefined;
  iamEndpoint?: string | undefined;
  allowInsecureHttp?: boolean | undefined;
  /** The IAM user, its password, and the account (domain) it belongs to. */
  username: string;
  password: string;
  domainName: string;
  /** The project the token is scoped to: its id, or its name (usually the region id). */
  projectId?: string | undefined;
  projectName?: string | undefined;
  fetch?: FetchLike | undefined;
  signal?: AbortSignal | undefined;
  /** Gives up on IAM after this long, body included (default 30 s; 0 = none of its own: Node's fetch still gives up after 300 s). */
  timeoutMs?: number | undefined;
}

export interface IamToken {
  /** The token (the X-Subject-Token response header). */
  token: string;
  expiresAt: Date;
}

const REGION = /^[a-z]{2}(-[a-z0-9]+)+$/;

const IAM_OPTIONS = [
  "region",
  "iamEndpoint",
  "allowInsecureHttp",
  "username",
  "password",
  "domainName",
  "projectId",
  "projectName",
  "fetch",
  "signal",
  "timeoutMs",
];

/** Asks IAM for a project-scoped user token with password authentication (POST /v3/auth/tokens). */
export async function fetchIamToken(options: IamPasswordAuth): Promise<IamToken> {
  checkObject("options", options);
  checkKnownOptions("", options, IAM_OPTIONS, { endpoint: "is not an option: IAM's endpoint is iamEndpoint" });
  const base = iamBase(options);
  assertHeaderSafe("username", options.username);
  // Never quoted, whatever is wrong with it.
  if (typeof options.password !== "string" || options.password === "")
    throw new InvalidInputError("password", "must be a non-empty string");
  assertHeaderSafe("domainName", options.domainName);
  if ((options.projectId === undefined) === (options.projectName === undefined))
    throw new InvalidInputError("projectId", "give exactly one of projectId or projectName");
  const project =
    options.projectId !== undefined
      ? { id: projectText("projectId", options.projectId) }
      : { name: projectText("projectName", options.projectName) };
  if (options.fetch !== undefined) checkFunction("fetch", options.fetch, "(request: Request) => Promise<Response>");
  checkSignal("signal", options.signal);
  const timeoutMs = checkMilliseconds("timeoutMs", options.timeoutMs, DEFAULT_TIMEOUT_MS);
  // The caller's signal and the timeout together; released (its timer cleared) however the call ends.
  const ending = new LinkedSignal([options.signal], timeoutMs);
  try {
    return await requestToken(base, project, options, ending, timeoutMs);
  } finally {
    ending.release();
  }
}

const DEFAULT_TIMEOUT_MS = 30_000;

async function requestToken(
  base: string,
  project: { id?: string | undefined; name?: string | undefined },
  options: IamPasswordAuth,
  ending: LinkedSignal,
  timeoutMs: number,
): Promise<IamToken> {
  const request = new Request(`${base}/v3/auth/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json;charset=utf8" },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: options.username, password: options.password, domain: { name: options.domainName } } },
        },
        scope: { project },
      },
    }),
    signal: ending.signal,
    // A redirect is not followed: a 307 or 308 would send the password on to wherever it points.
    redirect: "manual",
  });
  const described = { method: request.method, url: request.url, headers: { "content-type": "application/json;charset=utf8" } };
  const send = options.fetch ?? ((r: Request) => globalThis.fetch(r));
  const { response, text } = await exchangeWithin(send, request, ending, {
    label: "POST /v3/auth/tokens",
    service: "IAM",
    described,
    timeoutMs,
    secrets: [options.password],
  });
  if (!response.ok)
    throw errorFromResponse(
      described,
      answerHeadersWithoutSecrets(response, [options.password]),
      answerWithoutSecrets(text, [options.password]),
    );
  const token = response.headers.get("x-subject-token");
  const expires = (parseErrorBody(text) as { token?: { expires_at?: string } } | undefined)?.token?.expires_at;
  const expiresAt = typeof expires === "string" ? serviceTime(expires) : new Date(expires ?? Number.NaN);
  if (!token || Number.isNaN(expiresAt.getTime()))
    throw new FunctionGraphError("POST /v3/auth/tokens: IAM answered without X-Subject-Token or token.expires_at", {
      status: response.status,
      code: "InvalidResponseBody",
      request: described,
    });
  return withSecretsHidden({ token, expiresAt }, ["token"]);
}

/** A project id or name as the token's scope: JSON would send NaN as null and an object as it is. */
function projectText(field: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") throw new InvalidInputError(field, "must be a non-empty string");
  return value;
}

function iamBase(options: IamPasswordAuth): string {
  // Checked whether or not an endpoint is given.
  const allowInsecureHttp = insecureHttpAllowed(options.allowInsecureHttp);
  if (options.iamEndpoint !== undefined) return parseEndpoint("iamEndpoint", options.iamEndpoint, { allowInsecureHttp });
  if (typeof options.region !== "string" || !REGION.test(options.region))
    throw new InvalidInputError("region", "give a region id such as cn-north-4, or iamEndpoint");
  return `https://iam.${options.region}.myhuaweicloud.com`;
}
