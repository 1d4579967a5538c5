// Node only (reached through the package's `#platform` import): withRetry's attempts over a direct
// transport (see transport/direct.ts). No Request per attempt, and one buffered Response per answer.

import { bodyWithoutSecrets, rawHeadersWithoutSecrets, secretsOfHeaders, withoutSecrets } from "../errors/without-secret.js";
import type { AttemptAbort, DirectResponse, DirectSend } from "../transport/direct.js";
import { type DraftParts, isDraftRequest } from "../transport/draft-request.js";
import { putHeader } from "../transport/header-record.js";
import { bufferedRawAnswer } from "../transport/raw-answer.js";
import { headersOverRaw } from "../transport/raw-headers.js";
import { tooLarge } from "../transport/read-body.js";
import { requestBodyBytes } from "../transport/request-body.js";
import { isFinalError } from "./classify.js";
import type { Outcome } from "./with-retry.js";

/** What every attempt of a call sends: read once from the caller's Request (or DraftRequest). */
export interface CallParts {
  url: URL;
  /** Lower-case names, as a fetch Headers iterates them. */
  headers: Record<string, string>;
  body: Uint8Array<ArrayBuffer> | null;
  /** A Dispatcher the call was given (see DirectRequest). */
  dispatcher?: unknown;
}

/** The parts, at once when the body is a string or absent (a promise only when it must be read). */
export function readParts(original: Request | DraftParts): CallParts | Promise<CallParts> {
  // openapi-fetch copies a call's options that a Request has no property for (a `dispatcher`) onto it.
  const { dispatcher } = original as { dispatcher?: unknown };
  if (isDraftRequest(original)) {
    const body = original.bytesNow();
    if (body !== undefined) return { url: original.parsedUrl, headers: headerRecord(original.headers), body, dispatcher };
    // Any other body (FormData, a Blob, URLSearchParams) is read through the Request it describes,
    // whose headers add the Content-Type that body implies (a multipart boundary, say).
    original = original.toRequest();
  }
  const headers = headerRecord(original.headers);
  const url = new URL(original.url);
  if (original.body === null) return { url, headers, body: null, dispatcher };
  return requestBodyBytes(original).then((body) => ({ url, headers, body, dispatcher }));
}

function headerRecord(headers: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of headers) putHeader(record, name, value);
  return record;
}

/**
 * One attempt. `describe` gives the attempt as a Request (method, URL, the headers sent; no body)
 * for errors and unwrap(), made only when one of them asks.
 */
export function attemptDirect(
  send: DirectSend,
  method: string,
  call: CallParts,
  signal: AttemptAbort,
  maxBytes: number,
  attempt: number,
): { describe: () => Request; outcome: Promise<Outcome> } {
  const parts = { method, url: call.url, headers: { ...call.headers }, body: call.body, dispatcher: call.dispatcher };
  let request: Request | undefined;
  const describe = () => {
    request ??= new Request(parts.url, { method, headers: parts.headers });
    return request;
  };
  // fgkit's own errors end the call (they reject `outcome`); any other failure is the attempt's outcome.
  const failed = (error: unknown): Outcome => {
    if (isFinalError(error)) throw error;
    return { error };
  };
  const answered = (answer: DirectResponse): Outcome => {
    try {
      if (answer.tooLarge) throw tooLarge(describe(), answer.status, headersOverRaw(answer.rawHeaders), maxBytes, attempt);
      // An error answer may echo the request: its secrets are cut out before anything reads it
      // (parts.headers holds what withAuth added for this attempt).
      let clean = answer;
      if (answer.status >= 300) {
        const secrets = secretsOfHeaders(Object.entries(parts.headers));
        clean = {
          ...answer,
          statusText: withoutSecrets(answer.statusText, secrets),
          rawHeaders: rawHeadersWithoutSecrets(answer.rawHeaders, secrets),
          body: bodyWithoutSecrets(answer.body, secrets),
        };
      }
      return { response: bufferedRawAnswer(clean, method, describe, attempt) };
    } catch (error) {
      return failed(error);
    }
  };
  let outcome: Promise<Outcome>;
  try {
    outcome = send(parts, signal, maxBytes).then(answered, failed);
  } catch (error) {
    outcome = Promise.reject(error).catch(failed);
  }
  return { describe, outcome };
}
