// One signing case through @fgkit/helpers: computeSignature, and signRequest on a fetch Request.
// The same code runs in Chromium (bundled by esbuild) and in Node (imported by the test).
import { computeSignature, signRequest } from "@fgkit/helpers";
import type { SignCase, SignOutcome } from "./protocol.js";

export async function sign(c: SignCase): Promise<SignOutcome> {
  const options = c.date ? { date: new Date(c.date) } : {};
  const signature = await computeSignature(
    { method: c.method, url: new URL(c.url), headers: c.headers, body: c.body },
    c.credentials,
    options,
  );
  const request = new Request(c.url, { method: c.method, headers: c.headers, body: c.body });
  const signed = await signRequest(request, c.credentials, options);
  return {
    name: c.name,
    authorization: signature.authorization,
    canonicalRequest: signature.canonicalRequest,
    requestAuthorization: signed.headers.get("authorization"),
    requestSdkDate: signed.headers.get("x-sdk-date"),
    requestBody: await signed.text(),
  };
}
