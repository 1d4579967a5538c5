// Node only (reached through the package's `#platform` import): withAuth's direct entry point, the
// same authentication on plain parts, where headers are lower-case names (as a fetch Headers keeps
// them). Signing on Node is synchronous (once node:crypto is loaded): no promise between the caller and the socket.
import { type AccessKeyCredentials, assertHeaderSafe, providedKeys } from "../auth/credentials.js";
import { callProvider } from "../auth/provider-context.js";
import { fromProvider } from "../auth/provider-failure.js";
import type { ResolvedCredentials } from "../auth/resolve-credentials.js";
import { trimHttpWhitespace } from "../signing/canonical.js";
import { type Signature, signWithPlatformHashes } from "../signing/sign.js";
import type { DirectRequest, DirectResponse, DirectSend } from "./direct.js";
import { credentialsUntilAborted } from "./until-aborted.js";

export function authDirect(
  send: DirectSend,
  auth: ResolvedCredentials,
  added: { projectId: string | undefined; contentType: string | undefined },
  signingDate: () => Date,
): DirectSend {
  const { projectId, contentType } = added;
  return (request, abort, maxBytes) => {
    const headers = request.headers;
    if (projectId !== undefined && headers["x-project-id"] === undefined) headers["x-project-id"] = projectId;
    if (contentType !== undefined && headers["content-type"] === undefined) headers["content-type"] = contentType;
    if (auth.kind === "token")
      return withToken(
        () =>
          credentialsUntilAborted(
            fromProvider(() => callProvider(auth.getToken, () => abort.signal)),
            abort,
          ),
        request,
        () => send(request, abort, maxBytes),
      );
    const sendSigned = (signature: Signature) => {
      for (const name in signature.headers) headers[name.toLowerCase()] = signature.headers[name] as string;
      return send(request, abort, maxBytes);
    };
    const signAndSend = (credentials: AccessKeyCredentials) => {
      const signing = { method: request.method, url: request.url, headers: Object.entries(headers), body: request.body };
      const signature = signWithPlatformHashes(signing, credentials, { date: signingDate() });
      return signature instanceof Promise ? signature.then(sendSigned) : sendSigned(signature);
    };
    try {
      if (auth.kind === "accessKey") return signAndSend(auth.credentials);
      // Fresh keys from a caching provider come without a promise: signing stays synchronous.
      const keys = fromProvider(() => callProvider(auth.getKeys, () => abort.signal));
      return keys instanceof Promise
        ? providedKeys(credentialsUntilAborted(keys, abort)).then(signAndSend)
        : signAndSend(providedKeys(keys));
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

async function withToken(getToken: () => Promise<string>, request: DirectRequest, send: () => Promise<DirectResponse>) {
  const token = await getToken();
  assertHeaderSafe("credentials.token", token, { secret: true });
  request.headers["x-auth-token"] = trimHttpWhitespace(token);
  return send();
}
