import { authDirect, directOf, withDirect } from "#platform";
import { assertHeaderSafe, providedKeys } from "../auth/credentials.js";
import { callProvider } from "../auth/provider-context.js";
import { fromProvider } from "../auth/provider-failure.js";
import { checkResolvedCredentials, type ResolvedCredentials } from "../auth/resolve-credentials.js";
import { checkFunction, checkKnownOptions, checkObject } from "../errors/argument-checks.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { computeSignature } from "../signing/sign.js";
import { signRequest } from "../signing/sign-request.js";
import { copyRequest } from "./copy-request.js";
import { knownBody, noteBody } from "./known-body.js";
import type { FetchLike } from "./types.js";
import { credentialsUntilAborted } from "./until-aborted.js";

export interface AuthOptions {
  /** Sent as X-Project-Id on every request, as the official SDK does. */
  projectId?: string | undefined;
  /** Current clock correction in milliseconds, read at every signing (see withRetry's skew fix). */
  clockOffset?: (() => number) | undefined;
  /**
   * Sent (and signed) as Content-Type on a request that has none, bodyless ones included, as the
   * official SDK sends application/json on every request.
   */
  contentType?: string | undefined;
}

/**
 * Adds authentication to every request: an SDK-HMAC-SHA256 signature made at send time (so each
 * retry attempt carries a fresh X-Sdk-Date), or an X-Auth-Token from the token provider.
 * When `next` has a direct entry point (the Node transport), so does the result.
 */
export function withAuth(next: FetchLike, auth: ResolvedCredentials, options: AuthOptions = {}): FetchLike {
  if (typeof next !== "function")
    throw new InvalidInputError("next", "must be a fetch function (request: Request) => Promise<Response>");
  checkResolvedCredentials("auth", auth);
  checkObject("options", options);
  checkKnownOptions("", options, ["projectId", "clockOffset", "contentType"]);
  const { projectId, contentType, clockOffset } = options;
  // Sent as X-Project-Id: {} or NaN would go out as "[object Object]" or "NaN", CR/LF would fail in Headers.
  if (projectId !== undefined) assertHeaderSafe("projectId", projectId);
  if (contentType !== undefined) assertHeaderSafe("contentType", contentType);
  if (clockOffset !== undefined) checkFunction("clockOffset", clockOffset, "() => milliseconds");
  const signingDate = () => {
    const offset = clockOffset?.() ?? 0;
    if (typeof offset !== "number" || !Number.isFinite(offset))
      throw new InvalidInputError("clockOffset", "must return a finite number of milliseconds");
    return new Date(Date.now() + offset);
  };

  const fetch: FetchLike = async (request) => {
    if (projectId !== undefined && !request.headers.has("x-project-id")) request.headers.set("X-Project-Id", projectId);
    if (contentType !== undefined && !request.headers.has("content-type")) request.headers.set("Content-Type", contentType);
    if (auth.kind === "token") {
      const token = await credentialsUntilAborted(
        fromProvider(() => callProvider(auth.getToken, () => request.signal)),
        request.signal,
      );
      assertHeaderSafe("credentials.token", token, { secret: true });
      request.headers.set("X-Auth-Token", token);
      return next(unfollowed(request));
    }
    const credentials =
      auth.kind === "accessKey"
        ? auth.credentials
        : await providedKeys(
            credentialsUntilAborted(
              fromProvider(() => callProvider(auth.getKeys, () => request.signal)),
              request.signal,
            ),
          );
    const body = knownBody(request);
    if (body !== undefined) {
      // The body was read already (withRetry notes it): sign in place, no second read, no copy.
      const signature = await computeSignature(
        { method: request.method, url: new URL(request.url), headers: request.headers, body },
        credentials,
        { date: signingDate() },
      );
      for (const name in signature.headers) request.headers.set(name, signature.headers[name] as string);
      return next(unfollowed(request));
    }
    const signed = await signRequest(request, credentials, { date: signingDate() });
    // Mirror the signature headers on the caller's request too, so errors describe what was sent.
    for (const name of ["authorization", "x-sdk-date", "x-security-token"]) {
      const value = signed.headers.get(name);
      if (value !== null) request.headers.set(name, value);
    }
    return next(unfollowed(signed));
  };

  const send = directOf(next);
  return send ? withDirect(fetch, authDirect(send, auth, { projectId, contentType }, signingDate)) : fetch;
}

/**
 * The request, made not to follow a redirect (`redirect: "manual"`): a signature only holds for the
 * host and path it covers, and fetch, which drops only Authorization when it leaves the origin, would
 * carry X-Auth-Token or X-Security-Token to wherever the redirect points. The client sends "manual"
 * already; a Request built by hand follows by default.
 */
function unfollowed(request: Request): Request {
  if (request.redirect !== "follow") return request;
  const body = knownBody(request);
  const copy = copyRequest(
    request,
    body === undefined ? { redirect: "manual" } : { redirect: "manual", body: body as BodyInit | null },
  );
  if (body !== undefined) noteBody(copy, body);
  return copy;
}
