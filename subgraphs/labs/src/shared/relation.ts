/**
 * The row a foreign key points at. Loaders answer null for unknown keys; for a key read from a
 * foreign-key column that cannot happen, so a null here is a bug, reported as an internal error.
 */
export function related<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`missing ${what} behind a foreign key`);
  return value;
}
