import { describe, expect, it } from 'vitest';
import { authorizeS3Request } from '../../../fakes/s3/s3-auth.js';
import { parseSigV4 } from '../../../fakes/s3/sigv4-parse.js';

// The worked examples of the AWS S3 SigV4 documentation ("Signature Calculations for the
// Authorization Header" GET Object example, and "Authenticating Requests: Using Query Parameters").
const KEYS = [{ accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' }];
const EMPTY_SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

function docGetObject(signature: string, accessKeyId = 'AKIAIOSFODNN7EXAMPLE') {
  return {
    method: 'GET',
    path: '/test.txt',
    query: new URLSearchParams(),
    body: Buffer.alloc(0),
    headers: {
      host: 'examplebucket.s3.amazonaws.com',
      range: 'bytes=0-9',
      'x-amz-content-sha256': EMPTY_SHA,
      'x-amz-date': '20130524T000000Z',
      authorization:
        `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20130524/us-east-1/s3/aws4_request,` +
        `SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=${signature}`,
    },
  };
}

const DOC_SIGNATURE = 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41';

describe('SigV4 in strict mode', () => {
  it('verifies the AWS documentation GET Object example', () => {
    expect(() => authorizeS3Request(docGetObject(DOC_SIGNATURE), KEYS)).not.toThrow();
  });

  it('answers SignatureDoesNotMatch for a wrong signature and InvalidAccessKeyId for an unknown key', () => {
    expect(() => authorizeS3Request(docGetObject('0'.repeat(64)), KEYS)).toThrow(
      expect.objectContaining({ code: 'SignatureDoesNotMatch', status: 403 }),
    );
    expect(() => authorizeS3Request(docGetObject(DOC_SIGNATURE, 'AKIDUNKNOWN'), KEYS)).toThrow(
      expect.objectContaining({ code: 'InvalidAccessKeyId', status: 403 }),
    );
  });

  it('verifies the AWS documentation presigned URL example', () => {
    const query = new URLSearchParams(
      'X-Amz-Algorithm=AWS4-HMAC-SHA256' +
        '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request' +
        '&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host' +
        '&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
    );
    const request = {
      method: 'GET',
      path: '/test.txt',
      query,
      body: Buffer.alloc(0),
      headers: { host: 'examplebucket.s3.amazonaws.com' },
    };
    expect(() => authorizeS3Request(request, KEYS)).not.toThrow();
  });

  it('treats malformed headers as AuthorizationHeaderMalformed only in strict mode', () => {
    const bad = {
      ...docGetObject(DOC_SIGNATURE),
      headers: { ...docGetObject(DOC_SIGNATURE).headers, authorization: 'AWS4-HMAC-SHA256 Credential=garbage' },
    };
    expect(() => authorizeS3Request(bad, undefined)).not.toThrow();
    expect(() => authorizeS3Request(bad, KEYS)).toThrow(
      expect.objectContaining({ code: 'AuthorizationHeaderMalformed', status: 400 }),
    );
    const anonymous = { ...bad, headers: { host: 'h' } };
    expect(() => authorizeS3Request(anonymous, KEYS)).toThrow(expect.objectContaining({ code: 'AccessDenied' }));
  });

  it('parses credential scope fields', () => {
    const parsed = parseSigV4(docGetObject(DOC_SIGNATURE).headers, new URLSearchParams());
    expect(parsed).toMatchObject({
      kind: 'parsed',
      auth: { credential: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', region: 'us-east-1', service: 's3' } },
    });
  });
});
