// Expectations for a refusal: an InvalidInputError naming `field`, whose printed forms (message,
// stack, JSON, inspect) leave out every one of `secrets`.
import { inspect } from "node:util";
import { expect } from "vitest";
import { InvalidInputError } from "../../src/index.js";

function expectRefusal(error: unknown, field: string, secrets: readonly string[]): InvalidInputError {
  expect(error).toBeInstanceOf(InvalidInputError);
  expect((error as InvalidInputError).field).toBe(field);
  const shown = `${(error as Error).message} ${(error as Error).stack} ${JSON.stringify(error)} ${inspect(error, { depth: 9 })}`;
  for (const secret of secrets) expect(shown).not.toContain(secret);
  return error as InvalidInputError;
}

/** The refusal `call` throws at once (not through a promise). */
export function refusedAtOnce(call: () => unknown, field: string, secrets: readonly string[] = []): InvalidInputError {
  let error: unknown;
  try {
    call();
  } catch (caught) {
    error = caught;
  }
  return expectRefusal(error, field, secrets);
}

/** The refusal `call` throws or rejects with. */
export async function refused(call: () => unknown, field: string, secrets: readonly string[] = []): Promise<InvalidInputError> {
  let error: unknown;
  try {
    await call();
  } catch (caught) {
    error = caught;
  }
  return expectRefusal(error, field, secrets);
}
