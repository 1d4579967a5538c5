/**
 * Thrown before any request is sent when an argument cannot be used. `field` names the offending
 * input (`credentials.sk`, `params.path.function_urn`, `headers.X-Custom`, ...). The message never
 * contains the rejected value when that value may be a secret.
 */
export class InvalidInputError extends TypeError {
  override readonly name = "InvalidInputError";
  readonly field: string;

  constructor(field: string, problem: string, options?: { cause?: unknown }) {
    super(`${field}: ${problem}`, options);
    this.field = field;
  }
}
