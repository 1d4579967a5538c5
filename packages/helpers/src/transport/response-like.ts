// What a fetch of the caller's own must resolve to for fgkit to read it: a Response of this realm or
// of another fetch implementation (undici's own package), told by its shape rather than instanceof.

/** Whether `value` has what fgkit reads of an answer: a numeric status, headers with get(), text(). */
export function isResponseLike(value: unknown): value is Response {
  const response = value as Partial<Response> | null;
  return (
    typeof response === "object" &&
    response !== null &&
    typeof response.status === "number" &&
    typeof response.text === "function" &&
    typeof response.headers?.get === "function"
  );
}
