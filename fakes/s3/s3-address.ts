/**
 * Path-style addressing: `/bucket` or `/bucket/` names a bucket, `/bucket/key…` an object.
 *
 * botocore sends `PUT /bkt` and JS sends `PUT /bkt/`; both are the same bucket. Keys arrive
 * percent-encoded (`a%20b.txt`) and are decoded once. A key may itself end in `/` (`dir/`).
 */
import { S3Error } from './s3-errors.js';

export interface S3Address {
  readonly bucket?: string;
  readonly key?: string;
}

/**
 * @example parseS3Path('/bkt/a%20b/c.txt') // { bucket: 'bkt', key: 'a b/c.txt' }
 * @throws S3Error InvalidURI (400) for malformed percent-encoding.
 */
export function parseS3Path(path: string): S3Address {
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  if (trimmed === '') return {};
  const slash = trimmed.indexOf('/');
  const rawBucket = slash < 0 ? trimmed : trimmed.slice(0, slash);
  const rawKey = slash < 0 ? '' : trimmed.slice(slash + 1);
  const bucket = decodeComponent(rawBucket);
  if (rawKey === '') return { bucket };
  return { bucket, key: decodeComponent(rawKey) };
}

function decodeComponent(raw: string): string {
  if (!raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new S3Error(400, 'InvalidURI', `Couldn't parse the specified URI: ${raw}`);
  }
}

/** Same as `parseS3Path` but never throws (for classification, which must not fail). */
export function tryParseS3Path(path: string): S3Address | undefined {
  try {
    return parseS3Path(path);
  } catch {
    return undefined;
  }
}
