/**
 * Validates an object against a record of fields (fields.ts): unknown fields, missing required
 * fields, and each present field's own check. `SpecOf` turns the record into the object's type.
 */
import { type Field, type NumberRule, number } from './fields.js';
import { at, type Obj, type Problems } from './problems.js';

// biome-ignore lint/suspicious/noExplicitAny: a record of fields of any value and context type
export type FieldRecord<C = any> = Readonly<Record<string, Field<any, boolean, C>>>;

type ValueOf<F> =
  F extends Field<infer T, boolean, never> ? T : F extends Field<infer T, boolean, infer _C> ? T : never;
type RequiredKeys<F extends FieldRecord> = { [K in keyof F]: F[K]['required'] extends true ? K : never }[keyof F];
type OptionalKeys<F extends FieldRecord> = Exclude<keyof F, RequiredKeys<F>>;

/** The object type a field record describes; required fields are required properties. */
export type SpecOf<F extends FieldRecord> = { readonly [K in RequiredKeys<F>]: ValueOf<F[K]> } & {
  readonly [K in OptionalKeys<F>]?: ValueOf<F[K]>;
};

/**
 * Pushes every problem of `input` (already known to be an object) and returns whether it passed.
 * `extraKeys` are keys the caller validates itself (`kind`, `promise`, …).
 */
export function validateFields<C>(
  input: Obj,
  fields: FieldRecord<C>,
  path: string,
  problems: Problems,
  context: C,
  extraKeys: readonly string[] = [],
): boolean {
  const before = problems.length;
  const allowed = [...extraKeys, ...Object.keys(fields)];
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) problems.push(`${at(path, key)}: unknown field (allowed: ${allowed.join(', ')})`);
  }
  for (const [key, spec] of Object.entries(fields)) {
    const value = input[key];
    if (value === undefined) {
      if (spec.required) problems.push(`${at(path, key)}: is required (${spec.describe})`);
      continue;
    }
    spec.check(value, at(path, key), problems, context);
  }
  return problems.length === before;
}

/** One line per field for docs and `--help`: `name (required): an integer >= 0`. */
export function describeFields(fields: FieldRecord): string[] {
  return Object.entries(fields).map(([key, f]) => `${key}${f.required ? ' (required)' : ''}: ${f.describe}`);
}

/** Checks one numeric field of `input` in place (for fields outside a field record). */
export function checkNumberField(
  input: Obj,
  key: string,
  path: string,
  rule: NumberRule<boolean>,
  problems: Problems,
): void {
  const value = input[key];
  if (value === undefined) {
    if (rule.required) problems.push(`${at(path, key)}: is required (a number)`);
    return;
  }
  number(rule).check(value, at(path, key), problems, undefined);
}
