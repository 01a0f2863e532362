/** A value the bench needs, or a clear error naming it: a missing one is a broken bench set-up. */
export function required<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`Failed to run the bench: ${what} is missing.`);
  return value;
}
