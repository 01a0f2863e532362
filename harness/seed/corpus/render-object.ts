/**
 * Seeded records as S3 objects, the way log shippers write them: several records per object, one
 * per line, optionally gzip-compressed (`.log.gz`). Firewall lines are pipe-delimited in the
 * parser's field order; `json` writes a `.json` object holding a JSON array of records with the
 * same field names (a `.json` object must be valid JSON as a whole, connector-contract §4.5).
 */
import { gzipSync } from 'node:zlib';
import type { SourceRecord } from './source-record.js';

export type SeedFormat = 'firewall' | 'json';

export interface SeedShape {
  readonly format: SeedFormat;
  /** Records per S3 object, one per line. */
  readonly linesPerObject: number;
  readonly gzip: boolean;
}

export const DEFAULT_SEED_SHAPE: SeedShape = { format: 'firewall', linesPerObject: 5, gzip: false };

export function renderLine(record: SourceRecord, format: SeedFormat): string {
  if (format === 'json') return JSON.stringify(record);
  const r = record;
  return [r.timestamp, r.src_ip, r.dst_ip, r.action, r.rule_name, r.proto, r.src_port, r.dst_port, r.bytes].join('|');
}

export function renderObject(records: readonly SourceRecord[], shape: SeedShape): Buffer {
  const text =
    shape.format === 'json'
      ? `${JSON.stringify(records)}\n`
      : `${records.map((r) => renderLine(r, shape.format)).join('\n')}\n`;
  return shape.gzip ? gzipSync(text) : Buffer.from(text, 'utf8');
}

export function objectKey(prefix: string, seed: number, objectNumber: number, shape: SeedShape): string {
  const [name, extension] = shape.format === 'json' ? ['events', 'json'] : ['fw', 'log'];
  return `${prefix}${name}-${seed}-${objectNumber}.${extension}${shape.gzip ? '.gz' : ''}`;
}
