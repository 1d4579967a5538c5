// X-Sdk-Date is basic ISO 8601 in UTC: YYYYMMDDTHHmmssZ.
import { InvalidInputError } from "../errors/invalid-input-error.js";

const BASIC = /^\d{8}T\d{6}Z$/;

// Calls within the same second share one string: every signature asks for the current time.
let lastSecond = Number.NaN;
let lastText = "";

export function formatSdkDate(date: Date): string {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new InvalidInputError("date", "must be a valid Date");
  const second = Math.floor(date.getTime() / 1000);
  if (second !== lastSecond) {
    lastText = date
      .toISOString()
      .replace(/[-:]/g, "")
      .replace(/\.\d{3}/, "");
    lastSecond = second;
  }
  return lastText;
}

/**
 * The date for the string to sign, from an X-Sdk-Date value: kept when already in basic form,
 * otherwise parsed and re-rendered in UTC (as the official signer does); unparseable is an
 * InvalidInputError naming the header.
 */
export function sdkDateForSigning(headerValue: string): string {
  if (BASIC.test(headerValue)) return headerValue;
  const time = Date.parse(headerValue);
  // A date beyond what a Date holds (year 275760 on) parses as NaN too.
  if (Number.isNaN(time)) throw new InvalidInputError("headers.X-Sdk-Date", "is not a date; use the form 20250102T030405Z (UTC)");
  return formatSdkDate(new Date(time));
}

/** The time an X-Sdk-Date value says (basic form, or any Date.parse reads), or undefined. */
export function sdkDateTime(headerValue: string | null): number | undefined {
  if (headerValue === null) return undefined;
  const basic = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(headerValue);
  const time = basic
    ? Date.UTC(Number(basic[1]), Number(basic[2]) - 1, Number(basic[3]), Number(basic[4]), Number(basic[5]), Number(basic[6]))
    : Date.parse(headerValue);
  return Number.isNaN(time) ? undefined : time;
}
