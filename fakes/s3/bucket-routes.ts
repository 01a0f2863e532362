/**
 * Bucket-level operations: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, ListObjectsV2.
 */
import { XMLValidator } from 'fast-xml-parser';
import type { FakeResponse } from '../core/types.js';
import { listObjectsV2 } from './list-objects.js';
import { S3Error } from './s3-errors.js';
import type { S3Store } from './s3-store.js';
import { element, S3_XMLNS, XML_DECLARATION } from './xml.js';

export const FAKE_REGION = 'us-east-1';
const XML_HEADERS = { 'content-type': 'application/xml' } as const;

/** S3's bucket-name rules (the subset that matters for path-style requests). */
function assertValidBucketName(name: string): void {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) || name.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(name)) {
    throw new S3Error(400, 'InvalidBucketName', 'The specified bucket is not valid.', { bucketName: name });
  }
}

export function requireBucket(store: S3Store, bucket: string): void {
  if (!store.hasBucket(bucket))
    throw new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', { bucketName: bucket });
}

/** `LocationConstraint` from a CreateBucketConfiguration body; undefined for an empty body. */
function readLocationConstraint(body: Buffer): string | undefined {
  const text = body.toString('utf8').trim();
  if (text === '') return undefined;
  if (XMLValidator.validate(text) !== true || !text.includes('CreateBucketConfiguration')) {
    throw new S3Error(
      400,
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema.',
    );
  }
  return /<LocationConstraint>([^<]*)<\/LocationConstraint>/.exec(text)?.[1];
}

export function listBuckets(store: S3Store): FakeResponse {
  const buckets = store
    .listBuckets()
    .map(
      (b) =>
        `<Bucket>${element('Name', b.name)}${element('CreationDate', new Date(b.createdAtMs).toISOString())}</Bucket>`,
    )
    .join('');
  const body =
    XML_DECLARATION +
    `<ListAllMyBucketsResult xmlns="${S3_XMLNS}">` +
    `<Owner>${element('ID', 'chaos-fake-owner')}${element('DisplayName', 'chaos')}</Owner>` +
    `<Buckets>${buckets}</Buckets></ListAllMyBucketsResult>`;
  return { status: 200, headers: XML_HEADERS, body };
}

/**
 * @note Re-creating a bucket you own answers 200 in us-east-1 (S3's legacy behaviour) and 409
 * `BucketAlreadyOwnedByYou` when another region is asked for.
 */
export function createBucket(store: S3Store, bucket: string, body: Buffer): FakeResponse {
  assertValidBucketName(bucket);
  const location = readLocationConstraint(body);
  const created = store.createBucket(bucket);
  if (!created && location !== undefined && location !== '' && location !== FAKE_REGION) {
    throw new S3Error(
      409,
      'BucketAlreadyOwnedByYou',
      'Your previous request to create the named bucket succeeded and you already own it.',
      { bucketName: bucket },
    );
  }
  return { status: 200, headers: { location: `/${bucket}` } };
}

export function headBucket(store: S3Store, bucket: string): FakeResponse {
  requireBucket(store, bucket);
  return { status: 200, headers: { 'x-amz-bucket-region': FAKE_REGION } };
}

export function deleteBucket(store: S3Store, bucket: string): FakeResponse {
  const outcome = store.deleteBucket(bucket);
  if (outcome === 'missing') requireBucket(store, bucket);
  if (outcome === 'not_empty')
    throw new S3Error(409, 'BucketNotEmpty', 'The bucket you tried to delete is not empty', { bucketName: bucket });
  return { status: 204 };
}

export function listObjects(store: S3Store, bucket: string, query: URLSearchParams): FakeResponse {
  requireBucket(store, bucket);
  return { status: 200, headers: XML_HEADERS, body: listObjectsV2(store, bucket, query) };
}
