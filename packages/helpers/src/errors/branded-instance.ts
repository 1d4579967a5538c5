// `instanceof` for fgkit's error classes, which a project may load twice (the ESM and the CommonJS
// build): for the class itself it checks the brand both copies share; for a subclass of the user's,
// the ordinary prototype check.

export function instanceOfBranded(
  asked: unknown,
  base: unknown,
  isInstance: (value: unknown) => boolean,
  value: unknown,
): boolean {
  return asked === base ? isInstance(value) : Function.prototype[Symbol.hasInstance].call(asked, value);
}
