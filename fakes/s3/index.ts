/**
 * The S3 fake: path-style S3 on loopback, faithful enough for unmodified boto3 and
 * @aws-sdk/client-s3 (see docs in /work/shared/docs/wire-contracts.md §1).
 */

export { classifyS3, S3_OPERATIONS, type S3Operation } from './classify-s3.js';
export type { S3Credentials } from './s3-auth.js';
export { defaultS3ErrorCode } from './s3-errors.js';
export { createS3Service, type S3Service, type S3ServiceOptions } from './s3-service.js';
export { crc32Base64, type PutObjectOptions, type S3Object, S3Store } from './s3-store.js';
