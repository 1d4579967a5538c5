import type { AccessKeyCredentials } from "../auth/credentials.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { copyRequest } from "../transport/copy-request.js";
import { requestBodyBytes } from "../transport/request-body.js";
import { computeSignature, type SignOptions } from "./sign.js";

/**
 * Signs a fetch Request with SDK-HMAC-SHA256 and returns a new Request carrying Authorization,
 * X-Sdk-Date (kept when already present) and, for temporary credentials, X-Security-Token.
 * Every header on the request is signed, plus `host` from the URL; the payload hash covers the
 * exact body bytes, which the returned Request sends unchanged.
 */
export async function signRequest(
  request: Request,
  credentials: AccessKeyCredentials,
  options: SignOptions = {},
): Promise<Request> {
  if (!(request instanceof Request)) throw new InvalidInputError("request", "must be a Request");
  const body = await requestBodyBytes(request);
  const signature = await computeSignature(
    { method: request.method, url: new URL(request.url), headers: request.headers, body },
    credentials,
    options,
  );
  const headers = new Headers(request.headers);
  for (const [name, value] of Object.entries(signature.headers)) headers.set(name, value);
  return copyRequest(request, { headers, body });
}
