export {
  type AccessKeyProvider,
  type CachingAccessKeyProviderOptions,
  createAccessKeyProvider,
  type TemporaryAccessKeys,
} from "./auth/access-key-provider.js";
export { type AccessKeyCredentials, assertAccessKeyCredentials } from "./auth/credentials.js";
export { type EcsMetadataOptions, fetchEcsAccessKeys } from "./auth/ecs-access-keys.js";
export { accessKeysFromEnv } from "./auth/environment-keys.js";
export type { ProviderFetchOptions } from "./auth/expiring-cache.js";
export { fetchIamToken, type IamPasswordAuth, type IamToken } from "./auth/iam-token.js";
export { invalidateRefusedCredentials } from "./auth/refused-credentials.js";
export {
  type AccessKeyProviderCredentials,
  type Credentials,
  type ProviderContext,
  type ResolvedCredentials,
  resolveCredentials,
  type TokenCredentials,
  type TokenProvider,
} from "./auth/resolve-credentials.js";
export { type CachingTokenProviderOptions, createTokenProvider } from "./auth/token-provider.js";
export {
  canonicalHeaders,
  canonicalQuery,
  canonicalUri,
  errorFromResponse,
  exchangeOf,
  fullJitterDelay,
  isSecretHeader,
  parseErrorBody,
  parseRetryAfter,
  percentDecode,
  percentEncode,
  recordExchange,
  redactHeaders,
  redactUrl,
  requestIdOf,
  skewCorrection,
  sleep,
} from "./building-blocks.js";
export { checkKnownOptions, checkSignal } from "./errors/argument-checks.js";
export { errorDetails } from "./errors/from-response.js";
export {
  type ErrorRequestInfo,
  type ErrorResponseInfo,
  FunctionGraphError,
  type FunctionGraphErrorCode,
  type FunctionGraphErrorOptions,
} from "./errors/function-graph-error.js";
export { InvalidInputError } from "./errors/invalid-input-error.js";
export { checkMilliseconds, checkWholeNumber } from "./errors/number-checks.js";
export { REDACTED } from "./errors/redact.js";
export { type CallResult, unwrap } from "./errors/unwrap.js";
export { type PaginateOptions, type Paginator, paginate } from "./pagination/paginate.js";
export { nextMarker, nextOffset } from "./pagination/styles.js";
export { isTransientNetworkError } from "./retry/classify.js";
export type { ClockOffset } from "./retry/clock-skew.js";
export {
  IDEMPOTENT_METHODS,
  type RetryEvent,
  type RetryOptions,
  resolveMaxResponseBytes,
  resolveRetryOptions,
  resolveTimeoutOptions,
  type TimeoutOptions,
} from "./retry/retry-options.js";
export { createRetryQuota, type RetryQuota } from "./retry/retry-quota.js";
export { type RetryTransportOptions, withRetry } from "./retry/with-retry.js";
export type { CanonicalHeaders } from "./signing/canonical.js";
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
export { defaultFetch, draftRequestClass } from "./transport/default-fetch.js";
export { parseEndpoint } from "./transport/endpoint.js";
export type { ExchangeInfo } from "./transport/exchange-info.js";
export { DEFAULT_MAX_RESPONSE_BYTES } from "./transport/read-body.js";
export type { FetchLike } from "./transport/types.js";
export { type AuthOptions, withAuth } from "./transport/with-auth.js";
export { type WaiterOptions, type WaiterState, waitUntil } from "./waiter/wait-until.js";
