// Header records are plain objects, where assigning "__proto__" would set the prototype and drop the
// header (the bug that makes Node's own fetch lose it). This writes that one name as an own key.

/** Sets `record[name] = value`, a header named `__proto__` included. */
export function putHeader(record: Record<string, string>, name: string, value: string): void {
  if (name === "__proto__") Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
  else record[name] = value;
}
