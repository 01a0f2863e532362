/**
 * ListObjectsV2: prefix, delimiter (CommonPrefixes), max-keys, start-after, continuation tokens and
 * `encoding-type=url`.
 *
 * The continuation token is opaque to clients; here it is base64url of the resume marker:
 * `k:<key>` (resume after this key) or `p:<common prefix>` (resume after every key under it).
 */
import { S3Error } from './s3-errors.js';
import { compareKeys, type S3Store } from './s3-store.js';
import { element, optionalElement, S3_XMLNS, XML_DECLARATION } from './xml.js';

const DEFAULT_MAX_KEYS = 1_000;

interface ListParams {
  readonly prefix: string;
  readonly delimiter: string;
  readonly maxKeys: number;
  readonly startAfter: string;
  readonly continuationToken: string | undefined;
  readonly encodeUrl: boolean;
}

function parseParams(query: URLSearchParams): ListParams {
  const rawMaxKeys = query.get('max-keys');
  const maxKeys = rawMaxKeys === null ? DEFAULT_MAX_KEYS : Number(rawMaxKeys);
  if (!Number.isInteger(maxKeys) || maxKeys < 0) {
    throw new S3Error(400, 'InvalidArgument', 'Provided max-keys not an integer or within integer range');
  }
  const encodingType = query.get('encoding-type');
  if (encodingType !== null && encodingType !== 'url') {
    throw new S3Error(400, 'InvalidArgument', 'Invalid Encoding Method specified in Request');
  }
  return {
    prefix: query.get('prefix') ?? '',
    delimiter: query.get('delimiter') ?? '',
    maxKeys: Math.min(maxKeys, DEFAULT_MAX_KEYS),
    startAfter: query.get('start-after') ?? '',
    continuationToken: query.get('continuation-token') ?? undefined,
    encodeUrl: encodingType === 'url',
  };
}

function decodeToken(token: string): { marker: string; isPrefix: boolean } {
  const decoded = Buffer.from(token, 'base64url').toString('utf8');
  if (decoded.startsWith('k:')) return { marker: decoded.slice(2), isPrefix: false };
  if (decoded.startsWith('p:')) return { marker: decoded.slice(2), isPrefix: true };
  throw new S3Error(400, 'InvalidArgument', 'The continuation token provided is incorrect');
}

function encodeToken(marker: string, isPrefix: boolean): string {
  return Buffer.from(`${isPrefix ? 'p' : 'k'}:${marker}`, 'utf8').toString('base64url');
}

/** First index whose key sorts after `marker`. */
function indexAfter(keys: readonly string[], marker: string): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareKeys(keys[mid], marker) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** S3's `encoding-type=url` form: percent-encoded UTF-8, with `/` left readable. */
function urlEncodeKey(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, '/');
}

/** Builds the `ListBucketResult` XML for one page. */
export function listObjectsV2(store: S3Store, bucket: string, query: URLSearchParams): string {
  const params = parseParams(query);
  const token = params.continuationToken === undefined ? undefined : decodeToken(params.continuationToken);
  const keys = store.sortedKeys(bucket);
  const startMarker = token?.marker ?? params.startAfter;
  let index = startMarker === '' ? 0 : indexAfter(keys, startMarker);
  const skipPrefix = token?.isPrefix ? token.marker : undefined;

  const contents: string[] = [];
  const commonPrefixes: string[] = [];
  let lastMarker: { marker: string; isPrefix: boolean } | undefined;
  let truncated = false;
  const encode = params.encodeUrl ? urlEncodeKey : (text: string) => text;

  for (; index < keys.length; index++) {
    const key = keys[index];
    if (!key.startsWith(params.prefix)) {
      if (compareKeys(key, params.prefix) > 0) break; // sorted: no later key can match
      continue;
    }
    if (skipPrefix !== undefined && key.startsWith(skipPrefix)) continue;
    let commonPrefix: string | undefined;
    if (params.delimiter !== '') {
      const at = key.indexOf(params.delimiter, params.prefix.length);
      if (at >= 0) commonPrefix = key.slice(0, at + params.delimiter.length);
    }
    if (commonPrefix !== undefined && lastMarker?.isPrefix && lastMarker.marker === commonPrefix) continue;
    if (contents.length + commonPrefixes.length >= params.maxKeys) {
      truncated = true;
      break;
    }
    if (commonPrefix !== undefined) {
      commonPrefixes.push(`<CommonPrefixes>${element('Prefix', encode(commonPrefix))}</CommonPrefixes>`);
      lastMarker = { marker: commonPrefix, isPrefix: true };
    } else {
      const object = store.getObject(bucket, key);
      if (!object) continue; // never: the key came from this bucket's own listing
      contents.push(
        '<Contents>' +
          element('Key', encode(key)) +
          element('LastModified', new Date(object.lastModifiedMs).toISOString()) +
          element('ETag', object.etag) +
          element('Size', object.body.length) +
          element('StorageClass', 'STANDARD') +
          '</Contents>',
      );
      lastMarker = { marker: key, isPrefix: false };
    }
  }

  return (
    XML_DECLARATION +
    `<ListBucketResult xmlns="${S3_XMLNS}">` +
    element('Name', bucket) +
    element('Prefix', encode(params.prefix)) +
    (params.delimiter === '' ? '' : element('Delimiter', encode(params.delimiter))) +
    element('MaxKeys', params.maxKeys) +
    element('KeyCount', contents.length + commonPrefixes.length) +
    element('IsTruncated', truncated && params.maxKeys > 0) +
    optionalElement('ContinuationToken', params.continuationToken) +
    optionalElement(
      'NextContinuationToken',
      truncated && lastMarker ? encodeToken(lastMarker.marker, lastMarker.isPrefix) : undefined,
    ) +
    (params.startAfter === '' ? '' : element('StartAfter', encode(params.startAfter))) +
    (params.encodeUrl ? element('EncodingType', 'url') : '') +
    contents.join('') +
    commonPrefixes.join('') +
    '</ListBucketResult>'
  );
}
