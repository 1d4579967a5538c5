// The body bytes of a Request, noted by the layer that read them (withRetry reads each call's body
// once), so the layers below it, the signer and the Node transport, never read or copy it again.
// `null` means "known to have no body"; undefined means "unknown: read request.body".
const bodies = new WeakMap<Request, Uint8Array | null>();

export function noteBody(request: Request, body: Uint8Array | null): void {
  bodies.set(request, body);
}

export function knownBody(request: Request): Uint8Array | null | undefined {
  return bodies.get(request);
}
