/**
 * S3's error envelope and the status → code table used for injected faults.
 *
 *   <Error><Code/><Message/><Key/><RequestId/><HostId/></Error>   (application/xml)
 *
 * HEAD responses never carry a body (botocore and JS then report the status as the code).
 */
import { randomBytes } from 'node:crypto';
import type { FakeResponse } from '../core/types.js';
import { element, optionalElement, XML_DECLARATION } from './xml.js';

/** Thrown by S3 routes; turned into the XML envelope by the service's `handle`. */
export class S3Error extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: { readonly key?: string; readonly bucketName?: string } = {},
  ) {
    super(message);
    this.name = 'S3Error';
  }
}

/**
 * Code for an injected status when the fault rule names none.
 *
 * @note 502 and 504 have no S3 code of their own (a real S3 front end answers them with an HTML
 * page); `ServiceUnavailable` keeps them XML-shaped and in every SDK's transient class.
 */
export function defaultS3ErrorCode(status: number): string {
  switch (status) {
    case 400:
      return 'InvalidRequest';
    case 401:
    case 403:
      return 'AccessDenied';
    case 404:
      return 'NoSuchKey';
    case 405:
      return 'MethodNotAllowed';
    case 408:
      return 'RequestTimeout';
    case 409:
      return 'OperationAborted';
    case 413:
      return 'EntityTooLarge';
    case 429:
    case 503:
      return 'SlowDown';
    case 500:
      return 'InternalError';
    case 502:
    case 504:
      return 'ServiceUnavailable';
    default:
      return status >= 500 ? 'InternalError' : 'InvalidRequest';
  }
}

/** 8 base64 characters drawn once per process. */
const HOST_ID_PREFIX = randomBytes(6).toString('base64');

/**
 * `x-amz-id-2`: stable per request id, unique (it ends with the request id), and for the fakes' UUID
 * request ids 44 characters, as long as the base64 SHA-256 it replaced, so error bodies and the
 * journal's `bytesOut` keep their sizes.
 * @note Not a hash: it is on every response, and a SHA-256 for each was about 5 % of the S3 fake's
 * CPU per GetObject.
 */
export function hostIdFor(requestId: string): string {
  return HOST_ID_PREFIX + requestId;
}

/** The two request-id headers S3 puts on every response (SDK metadata reads them). */
export function requestIdHeaders(requestId: string): Record<string, string> {
  return { 'x-amz-request-id': requestId, 'x-amz-id-2': hostIdFor(requestId) };
}

export interface S3ErrorInput {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly requestId: string;
  readonly method: string;
  readonly key?: string;
  readonly bucketName?: string;
  readonly extraHeaders?: Record<string, string>;
}

/** Builds the error response; bodiless for HEAD. */
export function renderS3Error(input: S3ErrorInput): FakeResponse {
  const headers: Record<string, string> = { ...requestIdHeaders(input.requestId), ...input.extraHeaders };
  if (input.method === 'HEAD') return { status: input.status, headers };
  const body =
    XML_DECLARATION +
    '<Error>' +
    element('Code', input.code) +
    element('Message', input.message) +
    optionalElement('Key', input.key) +
    optionalElement('BucketName', input.bucketName) +
    element('RequestId', input.requestId) +
    element('HostId', hostIdFor(input.requestId)) +
    '</Error>';
  return { status: input.status, headers: { ...headers, 'content-type': 'application/xml' }, body };
}
