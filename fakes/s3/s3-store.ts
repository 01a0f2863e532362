/**
 * In-memory buckets and objects. Both the HTTP routes and the harness (seeding, assertions) use it.
 *
 * Keys are kept in a per-bucket sorted index (rebuilt lazily after writes) so ListObjectsV2
 * pagination over thousands of seeded objects stays cheap.
 */
import { crc32 } from 'node:zlib';
import type { Clock } from '../core/clock.js';
import { digest } from '../core/digest.js';

export interface S3Object {
  readonly key: string;
  readonly body: Buffer;
  /** Quoted MD5 hex, exactly as sent in the `ETag` header. */
  readonly etag: string;
  /** Base64 of the big-endian CRC32 (the `x-amz-checksum-crc32` form). */
  readonly crc32: string;
  readonly lastModifiedMs: number;
  readonly contentType: string;
  /** `x-amz-meta-*` headers, names lowercased without the prefix. */
  readonly metadata: Readonly<Record<string, string>>;
}

export interface PutObjectOptions {
  readonly contentType?: string;
  readonly metadata?: Readonly<Record<string, string>>;
}

interface Bucket {
  readonly name: string;
  readonly createdAtMs: number;
  readonly objects: Map<string, S3Object>;
  sortedKeys: string[] | undefined;
}

export const DEFAULT_CONTENT_TYPE = 'binary/octet-stream';

/** Base64 of the big-endian CRC32 of `body`, as S3 and the SDKs write it. */
export function crc32Base64(body: Buffer): string {
  const out = Buffer.alloc(4);
  out.writeUInt32BE(crc32(body) >>> 0);
  return out.toString('base64');
}

/**
 * Byte-wise (UTF-8) order, which is S3's listing order. UTF-16 code-unit order differs from it only
 * where a surrogate meets a character in U+E000–U+FFFF, so those two ranges are swapped (no
 * allocation per comparison).
 */
export function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/**
 * @example
 *   const store = new S3Store(new SystemClock());
 *   store.createBucket('logs');
 *   store.putObject('logs', 'a.txt', 'hello');
 *   store.listKeys('logs'); // ['a.txt']
 */
export class S3Store {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly clock: Clock) {}

  /** Creates the bucket if missing; returns false when it already existed. */
  createBucket(name: string): boolean {
    if (this.buckets.has(name)) return false;
    this.ensureBucket(name);
    return true;
  }

  hasBucket(name: string): boolean {
    return this.buckets.has(name);
  }

  /** Bucket names with creation times, in name order. */
  listBuckets(): { name: string; createdAtMs: number }[] {
    return [...this.buckets.values()]
      .map((b) => ({ name: b.name, createdAtMs: b.createdAtMs }))
      .sort((a, b) => compareKeys(a.name, b.name));
  }

  /** Removes an empty bucket. Returns 'missing' or 'not_empty' instead of throwing. */
  deleteBucket(name: string): 'deleted' | 'missing' | 'not_empty' {
    const bucket = this.buckets.get(name);
    if (!bucket) return 'missing';
    if (bucket.objects.size > 0) return 'not_empty';
    this.buckets.delete(name);
    return 'deleted';
  }

  /**
   * Stores an object. Seeding convenience: the bucket is created when missing (the HTTP route
   * checks existence itself and answers `NoSuchBucket`).
   */
  putObject(bucket: string, key: string, body: Buffer | string, options: PutObjectOptions = {}): S3Object {
    const target = this.ensureBucket(bucket);
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    const object: S3Object = {
      key,
      body: bytes,
      etag: `"${digest('md5', bytes, 'hex')}"`,
      crc32: crc32Base64(bytes),
      lastModifiedMs: this.clock.now(),
      contentType: options.contentType ?? DEFAULT_CONTENT_TYPE,
      metadata: options.metadata ?? {},
    };
    if (!target.objects.has(key)) target.sortedKeys = undefined;
    target.objects.set(key, object);
    return object;
  }

  getObject(bucket: string, key: string): S3Object | undefined {
    return this.buckets.get(bucket)?.objects.get(key);
  }

  /** Returns true when an object was removed. */
  deleteObject(bucket: string, key: string): boolean {
    const target = this.buckets.get(bucket);
    if (!target?.objects.delete(key)) return false;
    target.sortedKeys = undefined;
    return true;
  }

  /** Keys of a bucket in S3 listing order (a copy); empty for a missing bucket. */
  listKeys(bucket: string): string[] {
    return [...this.sortedKeys(bucket)];
  }

  /** The shared sorted index itself, for listing without a copy. Do not mutate. */
  sortedKeys(bucket: string): readonly string[] {
    const target = this.buckets.get(bucket);
    if (!target) return [];
    target.sortedKeys ??= [...target.objects.keys()].sort(compareKeys);
    return target.sortedKeys;
  }

  /** Removes every bucket and object. */
  clear(): void {
    this.buckets.clear();
  }

  private ensureBucket(name: string): Bucket {
    const existing = this.buckets.get(name);
    if (existing) return existing;
    const bucket: Bucket = { name, createdAtMs: this.clock.now(), objects: new Map(), sortedKeys: undefined };
    this.buckets.set(name, bucket);
    return bucket;
  }
}
