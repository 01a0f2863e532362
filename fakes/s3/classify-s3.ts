/**
 * Names an S3 request's operation from method, path and sub-resource query, the way the fault
 * engine and the journal see it. Never throws: anything unrecognised is `Unknown`.
 */
import type { ClassifiedRequest } from '../core/types.js';
import { tryParseS3Path } from './s3-address.js';

export const S3_OPERATIONS = [
  'ListBuckets',
  'CreateBucket',
  'HeadBucket',
  'DeleteBucket',
  'ListObjectsV2',
  'GetObject',
  'PutObject',
  'HeadObject',
  'DeleteObject',
  'Unknown',
] as const;
export type S3Operation = (typeof S3_OPERATIONS)[number];

/**
 * Sub-resources of real S3 that this fake does not implement (ACLs, multipart, tagging, …).
 * A request carrying one is `Unknown` rather than silently treated as a plain object call.
 */
const UNSUPPORTED_SUBRESOURCES = [
  'acl',
  'policy',
  'versioning',
  'versions',
  'uploads',
  'uploadId',
  'partNumber',
  'tagging',
  'cors',
  'lifecycle',
  'location',
  'logging',
  'notification',
  'replication',
  'website',
  'encryption',
  'object-lock',
  'retention',
  'legal-hold',
  'attributes',
  'restore',
  'select',
  'delete',
  'torrent',
] as const;

function hasUnsupportedSubresource(query: URLSearchParams): boolean {
  for (const name of UNSUPPORTED_SUBRESOURCES) if (query.has(name)) return true;
  return false;
}

/**
 * @example
 *   classifyS3('GET', '/bkt/', new URLSearchParams('list-type=2')) // { operation: 'ListObjectsV2', bucket: 'bkt' }
 */
export function classifyS3(
  method: string,
  path: string,
  query: URLSearchParams,
  headers: Record<string, unknown> = {},
): ClassifiedRequest & { operation: S3Operation } {
  const address = tryParseS3Path(path);
  if (!address) return { operation: 'Unknown' };
  const { bucket, key } = address;
  if (bucket === undefined) return { operation: method === 'GET' ? 'ListBuckets' : 'Unknown' };
  if (hasUnsupportedSubresource(query)) return { operation: 'Unknown', bucket, ...(key !== undefined ? { key } : {}) };
  if (key === undefined) {
    switch (method) {
      case 'PUT':
        return { operation: 'CreateBucket', bucket };
      case 'HEAD':
        return { operation: 'HeadBucket', bucket };
      case 'DELETE':
        return { operation: 'DeleteBucket', bucket };
      case 'GET':
        return { operation: query.get('list-type') === '2' ? 'ListObjectsV2' : 'Unknown', bucket };
      default:
        return { operation: 'Unknown', bucket };
    }
  }
  switch (method) {
    case 'PUT':
      // CopyObject shares PutObject's route; it is not implemented, so keep it out of PutObject.
      return { operation: headers['x-amz-copy-source'] === undefined ? 'PutObject' : 'Unknown', bucket, key };
    case 'GET':
      return { operation: 'GetObject', bucket, key };
    case 'HEAD':
      return { operation: 'HeadObject', bucket, key };
    case 'DELETE':
      return { operation: 'DeleteObject', bucket, key };
    default:
      return { operation: 'Unknown', bucket, key };
  }
}
