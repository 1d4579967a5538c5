// What computeSignature returns. A temporary key's security token is in its headers (when the
// signer added it) and in the canonical request, which is what people log to chase a signature
// mismatch: printed or serialised, the object shows the token as [REDACTED] (and an access key that
// looks like a secret key, the pair swapped). The fields themselves
// are the real values. The methods sit on the prototype, so a signature costs no more to make.
import { REDACTED, withShownAccessKey } from "../errors/redact.js";
import type { Signature } from "./sign.js";

const INSPECT = Symbol.for("nodejs.util.inspect.custom");
const TOKEN_LINE = /^(x-security-token:).*$/im;

export class SignatureResult implements Signature {
  headers: Record<string, string>;
  authorization: string;
  signedHeaders: string;
  canonicalRequest: string;
  stringToSign: string;

  constructor(
    headers: Record<string, string>,
    authorization: string,
    signedHeaders: string,
    canonicalRequest: string,
    stringToSign: string,
  ) {
    this.headers = headers;
    this.authorization = authorization;
    this.signedHeaders = signedHeaders;
    this.canonicalRequest = canonicalRequest;
    this.stringToSign = stringToSign;
  }

  toJSON(): Signature {
    const headers = { ...this.headers };
    if (headers["X-Security-Token"] !== undefined) headers["X-Security-Token"] = REDACTED;
    const authorization = withShownAccessKey(this.authorization);
    if (headers.Authorization !== undefined) headers.Authorization = authorization;
    return {
      headers,
      authorization,
      signedHeaders: this.signedHeaders,
      canonicalRequest: this.canonicalRequest.replace(TOKEN_LINE, `$1${REDACTED}`),
      stringToSign: this.stringToSign,
    };
  }

  [INSPECT](_depth: number, options: object, inspect: (value: unknown, options: object) => string): string {
    return inspect(this.toJSON(), options);
  }
}
