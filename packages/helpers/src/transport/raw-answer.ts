// Node only (through attempt-direct.ts): the buffered Response of an answer the direct transport
// read, its headers left as the raw list until something needs a real Headers (raw-headers.ts).
import { newBufferedResponse } from "./buffered-response.js";
import { headersOverRaw, type RawHeaderList, rawHeaderValue } from "./raw-headers.js";
import { announcesLength, nullBodyStatus, withJsonAnswer } from "./read-body.js";

export interface RawAnswer {
  status: number;
  statusText: string;
  rawHeaders: RawHeaderList;
  body: Uint8Array;
}

/** bufferedAnswer (read-body.ts) for a raw header list: the same Response, built for less. */
export function bufferedRawAnswer(answer: RawAnswer, method: string, describe: () => Request, attempts: number): Response {
  const { status, body, rawHeaders } = answer;
  const headers = announcesLength(method, status) ? withLength(rawHeaders, body.byteLength) : rawHeaders;
  const init = { status, statusText: answer.statusText };
  const response = newBufferedResponse(nullBodyStatus(status) ? null : body, init, headers);
  // Errors report the headers as they arrived.
  const arrived = () => Object.fromEntries(headersOverRaw(rawHeaders));
  return withJsonAnswer(response, body, rawHeaderValue(rawHeaders, "content-type"), arrived, describe, attempts);
}

/** `raw` without Content-Length and Transfer-Encoding, plus the length of the bytes read. */
function withLength(raw: RawHeaderList, length: number): string[] {
  const kept: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    if (name !== "content-length" && name !== "transfer-encoding") kept.push(raw[i] as string, raw[i + 1] as string);
  }
  kept.push("content-length", String(length));
  return kept;
}
