/**
 * Object-level operations: PutObject, GetObject, HeadObject, DeleteObject.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { FakeResponse } from '../core/types.js';
import { requireBucket } from './bucket-routes.js';
import { checkReadPreconditions, checkWritePreconditions } from './conditional.js';
import { readPutObjectBody } from './put-object-body.js';
import { parseRange } from './range.js';
import { S3Error } from './s3-errors.js';
import { DEFAULT_CONTENT_TYPE, type S3Object, type S3Store } from './s3-store.js';

function userMetadata(headers: IncomingHttpHeaders): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name.startsWith('x-amz-meta-') && typeof value === 'string') metadata[name.slice('x-amz-meta-'.length)] = value;
  }
  return metadata;
}

export function putObject(
  store: S3Store,
  bucket: string,
  key: string,
  headers: IncomingHttpHeaders,
  body: Buffer,
): FakeResponse {
  requireBucket(store, bucket);
  checkWritePreconditions(headers, store.getObject(bucket, key)?.etag);
  const { payload, checksums } = readPutObjectBody(headers, body);
  const contentType = headers['content-type'];
  const object = store.putObject(bucket, key, payload, {
    contentType: typeof contentType === 'string' && contentType !== '' ? contentType : DEFAULT_CONTENT_TYPE,
    metadata: userMetadata(headers),
  });
  return { status: 200, headers: { etag: object.etag, ...checksums } };
}

let lastDateMs = Number.NaN;
let lastDate = '';

/**
 * `Last-Modified` for an object, in HTTP-date form.
 * @note The last one is kept: reads of the same object repeat it, and formatting a date for every
 * GetObject showed in its profile.
 */
function httpDate(ms: number): string {
  if (ms !== lastDateMs) {
    lastDate = new Date(ms).toUTCString();
    lastDateMs = ms;
  }
  return lastDate;
}

function requireObject(store: S3Store, bucket: string, key: string): S3Object {
  requireBucket(store, bucket);
  const object = store.getObject(bucket, key);
  if (!object) throw new S3Error(404, 'NoSuchKey', 'The specified key does not exist.', { key });
  return object;
}

function objectHeaders(object: S3Object): Record<string, string | number> {
  const headers: Record<string, string | number> = {
    'content-type': object.contentType,
    etag: object.etag,
    'last-modified': httpDate(object.lastModifiedMs),
    'accept-ranges': 'bytes',
  };
  for (const [name, value] of Object.entries(object.metadata)) headers[`x-amz-meta-${name}`] = value;
  return headers;
}

/**
 * @note The stored CRC32 is returned only for whole-object reads with `x-amz-checksum-mode:
 * ENABLED`, so the SDKs validate it (and a truncated-body fault is caught client-side).
 */
export function getObject(
  store: S3Store,
  bucket: string,
  key: string,
  headers: IncomingHttpHeaders,
  withBody: boolean,
): FakeResponse {
  const object = requireObject(store, bucket, key);
  if (checkReadPreconditions(headers, object.etag) === 'not_modified') {
    return {
      status: 304,
      headers: { etag: object.etag, 'last-modified': httpDate(object.lastModifiedMs) },
    };
  }
  const size = object.body.length;
  const rangeHeader = typeof headers.range === 'string' ? headers.range : undefined;
  const range = size === 0 ? undefined : parseRange(rangeHeader, size);
  const responseHeaders = objectHeaders(object);
  if (range) {
    responseHeaders['content-range'] = `bytes ${range.start}-${range.end}/${size}`;
    responseHeaders['content-length'] = range.end - range.start + 1;
    const body = object.body.subarray(range.start, range.end + 1);
    return withBody ? { status: 206, headers: responseHeaders, body } : { status: 206, headers: responseHeaders };
  }
  responseHeaders['content-length'] = size;
  if (String(headers['x-amz-checksum-mode'] ?? '').toUpperCase() === 'ENABLED') {
    responseHeaders['x-amz-checksum-crc32'] = object.crc32;
    responseHeaders['x-amz-checksum-type'] = 'FULL_OBJECT';
  }
  return withBody
    ? { status: 200, headers: responseHeaders, body: object.body }
    : { status: 200, headers: responseHeaders };
}

/** S3 answers 204 whether or not the key existed. */
export function deleteObject(store: S3Store, bucket: string, key: string): FakeResponse {
  requireBucket(store, bucket);
  store.deleteObject(bucket, key);
  return { status: 204 };
}
