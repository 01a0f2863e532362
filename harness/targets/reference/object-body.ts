/**
 * An S3 object's bytes as text: `.gz` objects are gunzipped (the real connector's rule, §4.5).
 * Kept apart from the S3 client so a corrupt object is told from a failed download: the first is
 * rejected with a reason, the second is retried next cycle.
 */
import { gunzipSync } from 'node:zlib';

/** Thrown when an object's bytes cannot be decoded; retrying cannot help, the same bytes come back. */
export class UnreadableObjectError extends Error {
  override readonly name = 'UnreadableObjectError';
}

/**
 * @example decodeObjectBody('logs/fw-7-1.log.gz', await s3.read(bucket, key)) // → 'ts|src|…\n…'
 */
export function decodeObjectBody(key: string, body: Uint8Array): string {
  if (!key.toLowerCase().endsWith('.gz')) return Buffer.from(body).toString('utf8');
  try {
    return gunzipSync(body).toString('utf8');
  } catch (error) {
    throw new UnreadableObjectError(`not valid gzip (${(error as Error).message})`);
  }
}
