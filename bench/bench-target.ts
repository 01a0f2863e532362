/** What the bench hosts serve and the bench clients ask for. */
export const BENCH_BUCKET = 'bench';
export const BENCH_KEY = 'obj-1k';
export const OBJECT_1K = Buffer.alloc(1_024, 'a');
export const BENCH_REGION = 'us-east-1';
/** s3rver's built-in key pair; the S3 fake and the bare server accept any. */
export const BENCH_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
