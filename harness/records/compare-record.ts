/**
 * Compares one delivered record with the seeded record it was identified as, column by column
 * through the target's declared schema. Only undeclared differences count: a missing declared
 * column, a value that differs after the declared type coercion, or a column nobody declared.
 */
import type { DeclaredSchema } from '../domain/record-schema.js';
import type { SourceRecord } from '../seed/corpus/source-record.js';
import { normalizeValue } from './normalize-value.js';

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

export function compareRecord(
  seeded: SourceRecord,
  delivered: Readonly<Record<string, unknown>>,
  schema: DeclaredSchema,
): RecordComparison {
  const missing: string[] = [];
  const altered: FieldDiff[] = [];
  for (const column of schema.columns) {
    const expected = normalizeValue(seeded[column.source], column.type);
    if (expected === null) continue;
    const observed = normalizeValue(delivered[column.name], column.type);
    if (observed === null) missing.push(column.name);
    else if (observed !== expected)
      altered.push({ column: column.name, expected: seeded[column.source], observed: delivered[column.name] });
  }
  const known = new Set([...schema.columns.map((c) => c.name), ...schema.metadata]);
  for (const [name, value] of Object.entries(delivered))
    if (!known.has(name)) altered.push({ column: name, observed: value });
  return { missing, altered };
}

/** `SourceIP: "10.0.0.7" → "[REDACTED:IPV4]"`, `+RuleName: "x" (not declared)`, `-Protocol`. */
export function describeDiff(diff: FieldDiff): string {
  if (diff.expected === undefined) return `+${diff.column}: ${JSON.stringify(diff.observed)} (not declared)`;
  return `${diff.column}: ${JSON.stringify(diff.expected)} → ${JSON.stringify(diff.observed)}`;
}
