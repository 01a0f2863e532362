/**
 * A raw log line or JSON value as the firewall's source fields
 * (`timestamp|src_ip|dst_ip|action|rule_name|proto|src_port|dst_port|bytes`), still as text. Nothing
 * is validated here: sentinel-record.ts decides whether the fields make a record.
 */
import { SOURCE_FIELDS, type SourceField } from '../../domain/record-schema.js';
import { REFERENCE_RECORD_SCHEMA } from './record-schema.js';

export type SourceFields = Partial<Record<SourceField, string>>;

/** Short names some shippers write, besides the source field and its Sentinel column name. */
const EXTRA_JSON_NAMES: Partial<Record<SourceField, readonly string[]>> = {
  timestamp: ['ts'],
  rule_name: ['rule'],
  proto: ['protocol'],
};

/** The JSON keys that may carry a source field, the source name first. */
function jsonNames(field: SourceField): string[] {
  const columns = REFERENCE_RECORD_SCHEMA.columns.filter((c) => c.source === field).map((c) => c.name);
  return [field, ...columns, ...(EXTRA_JSON_NAMES[field] ?? [])];
}

/** Splits a pipe-delimited firewall line, or says why it is malformed. */
export function firewallLineFields(line: string): SourceFields | string {
  const parts = line.split('|');
  if (parts.length !== SOURCE_FIELDS.length)
    return `malformed firewall line: expected ${SOURCE_FIELDS.length} '|'-separated fields, got ${parts.length}`;
  return Object.fromEntries(SOURCE_FIELDS.map((name, i) => [name, parts[i]]));
}

/** A JSON record by source field names (or the Sentinel column names), or why it is not one. */
export function jsonRecordFields(value: unknown): SourceFields | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'malformed JSON record: not an object';
  const record = value as Record<string, unknown>;
  const fields: SourceFields = {};
  for (const field of SOURCE_FIELDS) {
    const name = jsonNames(field).find((n) => record[n] !== undefined && record[n] !== null);
    if (name === undefined) continue;
    const raw = record[name];
    // A nested value is kept as JSON text, so the type check rejects it instead of reading "[object Object]".
    fields[field] = typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : JSON.stringify(raw);
  }
  return fields;
}
