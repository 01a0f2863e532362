/**
 * The S3 fake: path-style S3 on loopback, faithful enough for unmodified boto3 and
 * @aws-sdk/client-s3 (see docs in /work/shared/docs/wire-contracts.md §1).
 */
export { createS3Service, type S3Service, type S3ServiceOptions } from './s3-service.js';
export { S3Store, crc32Base64, type S3Object, type PutObjectOptions } from './s3-store.js';
export { S3_OPERATIONS, classifyS3, type S3Operation } from './classify-s3.js';
export type { S3Credentials } from './s3-auth.js';
export { defaultS3ErrorCode } from './s3-errors.js';
