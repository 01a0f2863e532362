/**
 * Conditional requests: `If-Match` / `If-None-Match` on reads (412 / 304, as s3transfer and HTTP
 * caches use them) and `If-None-Match: *` on PutObject (S3 conditional writes).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { S3Error } from './s3-errors.js';

function etagListMatches(header: string, etag: string | undefined): boolean {
  if (etag === undefined) return false;
  return header.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag === etag || `"${tag}"` === etag;
  });
}

/** Returns 304 when `If-None-Match` matches; throws 412 PreconditionFailed when `If-Match` fails. */
export function checkReadPreconditions(headers: IncomingHttpHeaders, etag: string): 'not_modified' | undefined {
  const ifMatch = headers['if-match'];
  if (typeof ifMatch === 'string' && !etagListMatches(ifMatch, etag)) {
    throw new S3Error(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
  }
  const ifNoneMatch = headers['if-none-match'];
  if (typeof ifNoneMatch === 'string' && etagListMatches(ifNoneMatch, etag)) return 'not_modified';
  return undefined;
}

/** PutObject with `If-None-Match: *` must not overwrite; `If-Match` must match the current ETag. */
export function checkWritePreconditions(headers: IncomingHttpHeaders, currentEtag: string | undefined): void {
  const ifNoneMatch = headers['if-none-match'];
  if (typeof ifNoneMatch === 'string' && currentEtag !== undefined && etagListMatches(ifNoneMatch, currentEtag)) {
    throw new S3Error(412, 'PreconditionFailed', 'At least one of the pre-conditions you specified did not hold');
  }
  const ifMatch = headers['if-match'];
  if (typeof ifMatch === 'string' && !etagListMatches(ifMatch, currentEtag)) {
    throw new S3Error(
      currentEtag === undefined ? 404 : 412,
      currentEtag === undefined ? 'NoSuchKey' : 'PreconditionFailed',
      currentEtag === undefined
        ? 'The specified key does not exist.'
        : 'At least one of the pre-conditions you specified did not hold',
    );
  }
}
