/**
 * Compares one delivered record with the seeded record it was identified as, column by column
 * through the target's declared schema. Only undeclared differences count: a missing declared
 * column, a value that differs after the declared type coercion, or a column nobody declared.
 */
import type { DeclaredSchema } from '../domain/record-schema.js';
import type { SourceRecord } from '../seed/corpus/source-record.js';
import { type Normalized, normalizeValue } from './normalize-value.js';

export interface FieldDiff {
  readonly column: string;
  /** The seeded value, as the source wrote it; undefined for an undeclared extra column. */
  readonly expected?: unknown;
  /** The delivered value; undefined when the column is missing. */
  readonly observed?: unknown;
}

export interface RecordComparison {
  /** Declared columns whose source value was present but which did not arrive. */
  readonly missing: readonly string[];
  /** Declared columns that arrived with another value, and columns nobody declared. */
  readonly altered: readonly FieldDiff[];
}

// Both caches hold per-object work that a run repeats for every delivery (a record is delivered
// once or more, always against the same seed and schema): 100,000 records must classify in seconds.
const knownColumns = new WeakMap<DeclaredSchema, ReadonlySet<string>>();
const expectedValues = new WeakMap<SourceRecord, WeakMap<DeclaredSchema, readonly Normalized[]>>();

function known(schema: DeclaredSchema): ReadonlySet<string> {
  let set = knownColumns.get(schema);
  if (!set) {
    set = new Set([...schema.columns.map((c) => c.name), ...schema.metadata]);
    knownColumns.set(schema, set);
  }
  return set;
}

function expected(seeded: SourceRecord, schema: DeclaredSchema): readonly Normalized[] {
  let bySchema = expectedValues.get(seeded);
  if (!bySchema) {
    bySchema = new WeakMap();
    expectedValues.set(seeded, bySchema);
  }
  let values = bySchema.get(schema);
  if (!values) {
    values = schema.columns.map((c) => normalizeValue(seeded[c.source], c.type));
    bySchema.set(schema, values);
  }
  return values;
}

export function compareRecord(
  seeded: SourceRecord,
  delivered: Readonly<Record<string, unknown>>,
  schema: DeclaredSchema,
): RecordComparison {
  const missing: string[] = [];
  const altered: FieldDiff[] = [];
  const wanted = expected(seeded, schema);
  schema.columns.forEach((column, i) => {
    const want = wanted[i] ?? null;
    if (want === null) return;
    const observed = normalizeValue(delivered[column.name], column.type);
    if (observed === null) missing.push(column.name);
    else if (observed !== want)
      altered.push({ column: column.name, expected: seeded[column.source], observed: delivered[column.name] });
  });
  const columns = known(schema);
  for (const name in delivered) if (!columns.has(name)) altered.push({ column: name, observed: delivered[name] });
  return { missing, altered };
}

/** `SourceIP: "10.0.0.7" → "[REDACTED:IPV4]"`, `+RuleName: "x" (not declared)`, `-Protocol`. */
export function describeDiff(diff: FieldDiff): string {
  if (diff.expected === undefined) return `+${diff.column}: ${JSON.stringify(diff.observed)} (not declared)`;
  return `${diff.column}: ${JSON.stringify(diff.expected)} → ${JSON.stringify(diff.observed)}`;
}
