/**
 * The S3 fake as a `ServiceDefinition`: classification for faults and the journal, route dispatch,
 * and the XML error envelope. Every response carries `x-amz-request-id` and `x-amz-id-2`; nothing
 * here throws to the server plumbing (unexpected failures become 500 `InternalError`).
 */
import type { Clock } from '../core/clock.js';
import type { ClassifiedRequest, FakeRequest, FakeResponse, ServiceDefinition } from '../core/types.js';
import { createBucket, deleteBucket, headBucket, listBuckets, listObjects } from './bucket-routes.js';
import { classifyS3, type S3Operation } from './classify-s3.js';
import { deleteObject, getObject, putObject } from './object-routes.js';
import { parseS3Path } from './s3-address.js';
import { authorizeS3Request, type S3Credentials } from './s3-auth.js';
import { defaultS3ErrorCode, renderS3Error, requestIdHeaders, S3Error } from './s3-errors.js';
import { S3Store } from './s3-store.js';

export interface S3ServiceOptions {
  readonly clock: Clock;
  /** Strict mode: only these keys are accepted and signatures are verified. */
  readonly strictAuth?: readonly S3Credentials[];
}

export type S3Service = ServiceDefinition<S3Operation> & { readonly store: S3Store };

const SUPPORTED_METHODS = new Set(['GET', 'PUT', 'HEAD', 'DELETE', 'POST']);

function route(store: S3Store, request: FakeRequest, classified: ClassifiedRequest): FakeResponse {
  if (classified.operation === 'ListBuckets') return listBuckets(store);
  const { bucket, key } = parseS3Path(request.path);
  if (bucket !== undefined) {
    switch (classified.operation) {
      case 'CreateBucket':
        return createBucket(store, bucket, request.body);
      case 'HeadBucket':
        return headBucket(store, bucket);
      case 'DeleteBucket':
        return deleteBucket(store, bucket);
      case 'ListObjectsV2':
        return listObjects(store, bucket, request.query);
    }
  }
  if (bucket !== undefined && key !== undefined) {
    switch (classified.operation) {
      case 'PutObject':
        return putObject(store, bucket, key, request.headers, request.body);
      case 'GetObject':
        return getObject(store, bucket, key, request.headers, true);
      case 'HeadObject':
        return getObject(store, bucket, key, request.headers, false);
      case 'DeleteObject':
        return deleteObject(store, bucket, key);
    }
  }
  return unsupported(request);
}

function unsupported(request: FakeRequest): never {
  if (!SUPPORTED_METHODS.has(request.method)) {
    throw new S3Error(
      405,
      'MethodNotAllowed',
      `The specified method ${request.method} is not allowed against this resource.`,
    );
  }
  throw new S3Error(
    400,
    'InvalidRequest',
    `The S3 fake does not implement this request (${request.method} ${request.path}). ` +
      'Supported: bucket create/head/delete/list-type=2, object put/get/head/delete.',
  );
}

/**
 * @example
 *   const s3 = createS3Service({ clock: new SystemClock() });
 *   s3.store.putObject('logs', 'a.txt', 'hello');
 *   await startFakeServer({ definition: s3, engine, journal, clock });
 */
export function createS3Service(options: S3ServiceOptions): S3Service {
  const store = new S3Store(options.clock);
  const strictAuth = options.strictAuth && options.strictAuth.length > 0 ? [...options.strictAuth] : undefined;

  const errorResponse: S3Service['errorResponse'] = (status, code, message, request, classified) =>
    renderS3Error({
      status,
      code: code ?? defaultS3ErrorCode(status),
      message,
      requestId: request.requestId,
      method: request.method,
      ...(classified.key !== undefined && code === 'NoSuchKey' ? { key: classified.key } : {}),
    });

  return {
    service: 's3',
    store,
    classify: (request) => classifyS3(request.method, request.path, request.query, request.headers),
    handle(request, classified) {
      try {
        authorizeS3Request(request, strictAuth);
        const response = route(store, request, classified);
        const headers = requestIdHeaders(request.requestId);
        return { ...response, headers: response.headers ? Object.assign(headers, response.headers) : headers };
      } catch (error) {
        const s3Error =
          error instanceof S3Error
            ? error
            : new S3Error(
                500,
                'InternalError',
                `We encountered an internal error: ${String(error)}. Please try again.`,
              );
        return renderS3Error({
          status: s3Error.status,
          code: s3Error.code,
          message: s3Error.message,
          requestId: request.requestId,
          method: request.method,
          ...s3Error.details,
        });
      }
    },
    errorResponse,
    defaultErrorCode: (status) => defaultS3ErrorCode(status),
    resetState: () => store.clear(),
  };
}
