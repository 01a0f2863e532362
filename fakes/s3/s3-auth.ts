/**
 * Request authentication. Default mode: any credentials are accepted (the Authorization header is
 * not even parsed), as the SDKs need nothing more. Strict mode (configured keys): the signature must verify,
 * so `InvalidAccessKeyId`, `SignatureDoesNotMatch` and `AuthorizationHeaderMalformed` are real.
 */
import { S3Error } from './s3-errors.js';
import { parseSigV4 } from './sigv4-parse.js';
import { computeSigV4Signature, type SignableRequest, signaturesMatch, signedAmzDate } from './sigv4-verify.js';

export interface S3Credentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/**
 * @throws S3Error in strict mode when the request is anonymous, malformed or badly signed.
 * @note The request time is not checked against the clock (no `RequestTimeTooSkewed`), because the
 * fakes may run on a manual or scaled clock while clients sign with wall time.
 */
export function authorizeS3Request(request: SignableRequest, strictAuth: readonly S3Credentials[] | undefined): void {
  // @note Lax mode accepts whatever was sent, malformed or not: nothing to parse.
  if (!strictAuth || strictAuth.length === 0) return;
  const parsed = parseSigV4(request.headers, request.query);
  if (parsed.kind === 'anonymous') throw new S3Error(403, 'AccessDenied', 'Anonymous access is denied in strict mode.');
  if (parsed.kind === 'malformed') {
    throw new S3Error(400, 'AuthorizationHeaderMalformed', `The authorization header is malformed; ${parsed.reason}.`);
  }
  const { auth } = parsed;
  if (auth.credential.service !== 's3') {
    throw new S3Error(
      400,
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; incorrect service "${auth.credential.service}". ` +
        'This endpoint belongs to "s3".',
    );
  }
  if (!auth.signedHeaders.includes('host')) {
    throw new S3Error(
      400,
      'AuthorizationHeaderMalformed',
      'The authorization header is malformed; the host header must be signed.',
    );
  }
  if (signedAmzDate(request, auth) === undefined) {
    throw new S3Error(403, 'AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header');
  }
  const credentials = strictAuth.find((c) => c.accessKeyId === auth.credential.accessKeyId);
  if (!credentials) {
    throw new S3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
  }
  const expected = computeSigV4Signature(request, auth, credentials.secretAccessKey);
  if (!signaturesMatch(expected, auth.signature)) {
    throw new S3Error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. ' +
        'Check your key and signing method.',
    );
  }
}
