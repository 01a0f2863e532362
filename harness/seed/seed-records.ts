/**
 * Seeds records as CONTRACTS §2 fixes them: one S3 object per record, `logs/fw-<seed>-<n>.log`,
 * one firewall line whose bytes field is the record id `1_000_000 + n`.
 */
export interface SeedableS3 {
  createBucket(name: string): void;
  putObject(bucket: string, key: string, body: Buffer | string): void;
}

export interface SeededBatch {
  readonly recordIds: string[];
  readonly keys: string[];
}

export function recordIdFor(n: number): string {
  return String(1_000_000 + n);
}

export function firewallLine(recordId: string): string {
  return `2024-01-01T00:00:00Z|10.0.0.1|10.0.0.2|allow|rule-1|tcp|40000|443|${recordId}`;
}

/** Puts records `firstN … firstN+count-1`. */
export function seedRecords(
  s3: SeedableS3,
  bucket: string,
  prefix: string,
  seed: number,
  firstN: number,
  count: number,
): SeededBatch {
  const recordIds: string[] = [];
  const keys: string[] = [];
  for (let n = firstN; n < firstN + count; n += 1) {
    const id = recordIdFor(n);
    const key = `${prefix}fw-${seed}-${n}.log`;
    s3.putObject(bucket, key, firewallLine(id));
    recordIds.push(id);
    keys.push(key);
  }
  return { recordIds, keys };
}
