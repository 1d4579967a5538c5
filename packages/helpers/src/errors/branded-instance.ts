// How fgkit recognises its own objects (errors, a DraftRequest) when a project loads the package
// twice (the ESM and the CommonJS build): by a brand under a registered symbol, which both copies
// share, where `instanceof` would see two different classes.

/** Whether `value` carries `brand` (a getter answering true). */
export function hasBrand(value: unknown, brand: symbol): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[brand] === true;
}

/**
 * `instanceof` for fgkit's error classes: for the class itself it checks the brand both copies
 * share; for a subclass of the user's, the ordinary prototype check.
 */
export function instanceOfBranded(
  asked: unknown,
  base: unknown,
  isInstance: (value: unknown) => boolean,
  value: unknown,
): boolean {
  return asked === base ? isInstance(value) : Function.prototype[Symbol.hasInstance].call(asked, value);
}
