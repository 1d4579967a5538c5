/**
 * A new Request like `request` (method, signal, redirect, credentials, cache, mode, integrity,
 * keepalive) with `init` on top. The referrer is given again, as any non-empty init resets it.
 */
export function copyRequest(request: Request, init: RequestInit): Request {
  return new Request(request, { ...init, referrer: request.referrer, referrerPolicy: request.referrerPolicy });
}
