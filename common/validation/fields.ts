/**
 * Field checkers: each validates one field's value and reports what is wrong with its path. A
 * kind (expectation, condition, step action, fault) lists its fields as a record of these, and
 * `validateFields` (object-fields.ts) checks the record, including unknown fields. The checker's
 * type parameter is the field's TypeScript type, so a kind's spec type is inferred from its fields
 * instead of being written twice.
 *
 * @example
 *   const fields = { maxLost: count({ required: true }), match: oneOf(['exact', 'subsequence']) };
 *   type Spec = SpecOf<typeof fields>; // { readonly maxLost: number; readonly match?: 'exact' | 'subsequence' }
 */
import { at, got, isObject, type Problems } from './problems.js';

/** Checks one present value; returns it typed when valid, `undefined` after pushing problems. */
export interface Field<T, Required extends boolean = boolean, C = unknown> {
  readonly required: Required;
  /** Short type description for messages and docs, e.g. `an integer >= 0`. */
  readonly describe: string;
  check(value: unknown, path: string, problems: Problems, context: C): T | undefined;
}

interface Presence<R extends boolean> {
  readonly required?: R;
}

// NoInfer: a field's presence comes from its own options, never from where the field is used
// (a record of fields is typed `Field<…, boolean>`, which would otherwise widen `true` to `boolean`).
function field<T, R extends boolean, C = unknown>(
  options: Presence<R>,
  describe: string,
  check: Field<T, NoInfer<R>, C>['check'],
): Field<T, NoInfer<R>, C> {
  return { required: (options.required ?? false) as R, describe, check };
}

export function string<R extends boolean = false>(options: Presence<R> = {}): Field<string, NoInfer<R>> {
  return field(options, 'a non-empty string', (value, path, problems) => {
    if (typeof value === 'string' && value.trim() !== '') return value;
    problems.push(`${path}: must be a non-empty string, got ${got(value)}`);
    return undefined;
  });
}

export function boolean<R extends boolean = false>(options: Presence<R> = {}): Field<boolean, NoInfer<R>> {
  return field(options, 'true or false', (value, path, problems) => {
    if (typeof value === 'boolean') return value;
    problems.push(`${path}: must be true or false, got ${got(value)}`);
    return undefined;
  });
}

export interface NumberRule<R extends boolean> extends Presence<R> {
  readonly integer?: boolean;
  readonly min?: number;
  /** Strictly greater than. */
  readonly above?: number;
  readonly max?: number;
}

export function number<R extends boolean = false>(rule: NumberRule<R> = {}): Field<number, NoInfer<R>> {
  const parts = [rule.integer ? 'an integer' : 'a number'];
  if (rule.min !== undefined) parts.push(`>= ${rule.min}`);
  if (rule.above !== undefined) parts.push(`> ${rule.above}`);
  if (rule.max !== undefined) parts.push(`<= ${rule.max}`);
  return field(rule, parts.join(' '), (value, path, problems) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push(`${path}: must be a finite number, got ${got(value)}`);
      return undefined;
    }
    const before = problems.length;
    if (rule.integer && !Number.isInteger(value)) problems.push(`${path}: must be an integer, got ${value}`);
    if (rule.min !== undefined && value < rule.min) problems.push(`${path}: must be >= ${rule.min}, got ${value}`);
    if (rule.above !== undefined && value <= rule.above)
      problems.push(`${path}: must be > ${rule.above}, got ${value}`);
    if (rule.max !== undefined && value > rule.max) problems.push(`${path}: must be <= ${rule.max}, got ${value}`);
    return problems.length === before ? value : undefined;
  });
}

/** A non-negative integer (counts, bounds on counts). */
export function count<R extends boolean = false>(
  options: Presence<R> & { readonly min?: number; readonly max?: number } = {},
) {
  return number<R>({ ...options, integer: true, min: options.min ?? 0 });
}

/** A duration in target milliseconds, >= 0 (or > 0 with `positive`). */
export function durationMs<R extends boolean = false>(
  options: Presence<R> & { readonly positive?: boolean; readonly max?: number } = {},
) {
  return number<R>(options.positive ? { ...options, above: 0 } : { ...options, min: 0 });
}

export function oneOf<const V extends string | number, R extends boolean = false>(
  allowed: readonly V[],
  options: Presence<R> = {},
): Field<V, NoInfer<R>> {
  return field(options, `one of ${allowed.join(', ')}`, (value, path, problems) => {
    if (allowed.includes(value as V)) return value as V;
    problems.push(`${path}: must be one of ${allowed.join(', ')}, got ${got(value)}`);
    return undefined;
  });
}

export function list<T, R extends boolean = false, C = unknown>(
  item: Field<T, boolean, C>,
  options: Presence<R> & { readonly nonEmpty?: boolean } = {},
): Field<readonly T[], NoInfer<R>, C> {
  return field(options, `a list of ${item.describe}`, (value, path, problems, context) => {
    if (!Array.isArray(value) || (options.nonEmpty && value.length === 0)) {
      problems.push(`${path}: must be a ${options.nonEmpty ? 'non-empty ' : ''}list of ${item.describe}`);
      return undefined;
    }
    const before = problems.length;
    const out = value.map((v, i) => item.check(v, at(path, i), problems, context));
    return problems.length === before ? (out as T[]) : undefined;
  });
}

/** An object of string values (e.g. target options). */
export function stringRecord<R extends boolean = false>(
  options: Presence<R> = {},
): Field<Readonly<Record<string, string>>, NoInfer<R>> {
  return field(options, 'an object of strings', (value, path, problems) => {
    if (!isObject(value)) {
      problems.push(`${path}: must be an object of strings, got ${got(value)}`);
      return undefined;
    }
    const before = problems.length;
    for (const [key, v] of Object.entries(value)) {
      if (typeof v !== 'string') problems.push(`${at(path, key)}: must be a string, got ${got(v)}`);
    }
    return problems.length === before ? (value as Record<string, string>) : undefined;
  });
}

/** A field whose check is written by hand (cross-references, nested kinds). */
export function custom<T, R extends boolean = false, C = unknown>(
  describe: string,
  check: Field<T, R, C>['check'],
  options: Presence<R> = {},
): Field<T, NoInfer<R>, C> {
  return field(options, describe, check);
}
