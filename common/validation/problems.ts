/**
 * Validation reports every problem at once, each as `"<path>: <what is wrong>"`, so a user fixes a
 * whole scenario (or fault rule) in one pass instead of one error per run.
 */
export type Problems = string[];

export type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `at('steps', 2)` → `steps[2]`; `at('seed', 'records')` → `seed.records`; `at('', 'id')` → `id`. */
export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

/** `got "x"` for messages; long values are clipped so one bad field cannot flood the output. */
export function got(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
