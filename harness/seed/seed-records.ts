/**
 * Puts seeded records into S3 as the corpus (seed/corpus/) renders them: `shape.linesPerObject`
 * records per object, each object keyed by its first record's number. Every record gets the id
 * `String(n)`; the ledger recognises delivered records by the identity carriers, not by key.
 */
import { objectKey, renderObject, type SeedShape } from './corpus/render-object.js';
import { type SourceRecord, sourceRecord } from './corpus/source-record.js';

export interface SeedableS3 {
  createBucket(name: string): void;
  putObject(bucket: string, key: string, body: Buffer | string): void;
}

export interface SeededRecord {
  readonly id: string;
  readonly record: SourceRecord;
  /** The S3 object it is in. */
  readonly key: string;
}

export interface SeededBatch {
  readonly records: SeededRecord[];
  readonly keys: string[];
}

export interface SeedTarget {
  readonly s3: SeedableS3;
  readonly bucket: string;
  readonly prefix: string;
  readonly seed: number;
  readonly shape: SeedShape;
}

/** Puts records `firstN … firstN+count-1`. */
export function seedRecords(target: SeedTarget, firstN: number, count: number): SeededBatch {
  const records: SeededRecord[] = [];
  const keys: string[] = [];
  const lines = target.shape.linesPerObject;
  for (let first = firstN; first < firstN + count; first += lines) {
    const last = Math.min(firstN + count, first + lines);
    const sources = Array.from({ length: last - first }, (_, i) => sourceRecord(target.seed, first + i));
    const key = objectKey(target.prefix, target.seed, first, target.shape);
    target.s3.putObject(target.bucket, key, renderObject(sources, target.shape));
    keys.push(key);
    sources.forEach((record, i) => {
      records.push({ id: String(first + i), record, key });
    });
  }
  return { records, keys };
}
