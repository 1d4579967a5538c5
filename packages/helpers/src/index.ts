export { type AccessKeyCredentials, assertAccessKeyCredentials } from "./auth/credentials.js";
export { InvalidInputError } from "./errors/invalid-input-error.js";
export { canonicalHeaders, canonicalQuery, canonicalUri } from "./signing/canonical.js";
export { percentDecode, percentEncode } from "./signing/percent-encode.js";
export { formatSdkDate } from "./signing/sdk-date.js";
export {
  ALGORITHM,
  computeSignature,
  EMPTY_BODY_SHA256,
  type Signature,
  type SigningInput,
  type SignOptions,
} from "./signing/sign.js";
export { signRequest } from "./signing/sign-request.js";
