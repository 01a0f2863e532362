/**
 * Source fields → the record sent to Sentinel, column by column through the reference's declared
 * schema (record-schema.ts): every declared column with its declared type, plus the two metadata
 * columns the real router adds. A field that cannot become its column rejects the whole record,
 * with a reason worded like the real router's (`missing required fields: ['bytes']`, …).
 */
import type { DeclaredColumn } from '../../domain/record-schema.js';
import { REFERENCE_RECORD_SCHEMA } from './record-schema.js';
import type { SourceFields } from './source-fields.js';

/** Column name → value; a type alias (not an interface) so it is assignable to the SDK's `Record<string, unknown>`. */
export type SentinelRecord = { readonly [column: string]: string | number };

export interface RecordShape {
  /** Leave this declared column out of every record (the `drop_column` test knob). */
  readonly omitColumn?: string;
}

const METADATA = { DataClassification: 'standard', SchemaVersion: '1.0' } as const;
const ACTIONS = new Set(['allow', 'deny', 'drop', 'reset']);

/** Python-style list for the reason text: `['bytes', 'action']`. */
const pyList = (names: readonly string[]): string => `[${names.map((n) => `'${n}'`).join(', ')}]`;

function parseTimestamp(text: string): string | null {
  // `2024-01-01T00:00:00Z`, with fractions, or `2024-01-01 00:00:00` (taken as UTC like the real parser).
  const normalised = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?$/.test(text) ? `${text.replace(' ', 'T')}Z` : text;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(normalised)) return null;
  const ms = Date.parse(normalised);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** The column's value from its (trimmed, non-empty) source text, or `{ reason }`. */
function columnValue(column: DeclaredColumn, text: string, raw: string): string | number | { reason: string } {
  const quoted = JSON.stringify(raw);
  if (column.source === 'action') {
    // The parser's own rule for this one field: a closed set, matched case-insensitively.
    const action = text.toLowerCase();
    return ACTIONS.has(action) ? action : { reason: `invalid action ${quoted} (expected allow, deny, drop or reset)` };
  }
  switch (column.type) {
    case 'datetime':
      return parseTimestamp(text) ?? { reason: `invalid ${column.source} ${quoted}` };
    case 'integer':
    case 'long': {
      const value = Number(text);
      return /^\d+$/.test(text) && Number.isSafeInteger(value)
        ? value
        : { reason: `invalid ${column.source} ${quoted} (expected a whole number)` };
    }
    case 'string':
      return text;
  }
}

/**
 * @example
 * const fields = firewallLineFields('2024-01-01T00:00:00.042Z|10.0.0.1|10.0.0.2|allow|fw-1|TCP|40000|443|1042');
 * toSentinelRecord(fields as SourceFields)
 * // → { TimeGenerated: '2024-01-01T00:00:00.042Z', …, Protocol: 'TCP', SourcePort: 40000, …, SchemaVersion: '1.0' }
 */
export function toSentinelRecord(fields: SourceFields, shape: RecordShape = {}): SentinelRecord | string {
  const columns = REFERENCE_RECORD_SCHEMA.columns;
  const blank = (column: DeclaredColumn): boolean => (fields[column.source] ?? '').trim() === '';
  const missing = columns.filter((c) => c.required && blank(c)).map((c) => c.source);
  if (missing.length > 0) return `missing required fields: ${pyList(missing)}`;
  const record: Record<string, string | number> = {};
  for (const column of columns) {
    const raw = fields[column.source] ?? '';
    // An optional field the source left empty has no value to carry: no column, rather than "".
    if (raw.trim() === '') continue;
    const value = columnValue(column, raw.trim(), raw);
    if (typeof value === 'object') return value.reason;
    if (column.name !== shape.omitColumn) record[column.name] = value;
  }
  return { ...record, ...METADATA };
}
