// The body bytes of a fetch Request. Request.body cannot tell whether there is one everywhere:
// Firefox (and some Android WebViews) do not implement it, so it reads undefined even when a body
// was given. Only a body reported as null is taken at its word; otherwise the body is read.

/** The bytes `request` would send; null when it has none. Reads (and so uses up) its body. */
export async function requestBodyBytes(request: Request): Promise<Uint8Array<ArrayBuffer> | null> {
  if (request.body === null || request.method === "GET" || request.method === "HEAD") return null;
  // An empty body stays bytes: a copy given `body: null` would take the original's used-up body.
  return new Uint8Array(await request.arrayBuffer());
}
