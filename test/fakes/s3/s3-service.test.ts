import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../fakes/core/clock.js';
import { createS3Service } from '../../../fakes/s3/index.js';
import { makeRequest } from './make-request.js';

function setup() {
  const clock = new ManualClock(Date.UTC(2024, 0, 1));
  const s3 = createS3Service({ clock });
  const call = async (method: string, url: string, options?: Parameters<typeof makeRequest>[2]) => {
    const request = makeRequest(method, url, options);
    const classified = s3.classify(request);
    const response = await s3.handle(request, classified);
    return { classified, response, text: response.body === undefined ? '' : response.body.toString() };
  };
  return { clock, s3, call };
}

describe('S3 classification', () => {
  it.each([
    ['GET', '/', 'ListBuckets'],
    ['PUT', '/bkt', 'CreateBucket'],
    ['PUT', '/bkt/', 'CreateBucket'],
    ['HEAD', '/bkt/', 'HeadBucket'],
    ['DELETE', '/bkt', 'DeleteBucket'],
    ['GET', '/bkt/?list-type=2', 'ListObjectsV2'],
    ['GET', '/bkt?list-type=2&encoding-type=url', 'ListObjectsV2'],
    ['PUT', '/bkt/a%20b.txt?x-id=PutObject', 'PutObject'],
    ['GET', '/bkt/k?x-id=GetObject', 'GetObject'],
    ['HEAD', '/bkt/k', 'HeadObject'],
    ['DELETE', '/bkt/k?x-id=DeleteObject', 'DeleteObject'],
    ['POST', '/bkt/k?uploads', 'Unknown'],
    ['GET', '/bkt', 'Unknown'],
    ['PATCH', '/bkt/k', 'Unknown'],
    ['GET', '/bkt/%E0%A4%A', 'Unknown'],
  ])('%s %s is %s', (method, url, operation) => {
    const { s3 } = setup();
    expect(s3.classify(makeRequest(method, url)).operation).toBe(operation);
  });

  it('percent-decodes keys and exposes bucket and key for fault targets', () => {
    const { s3 } = setup();
    expect(s3.classify(makeRequest('GET', '/bkt/logs/a%20b%C3%BC.txt'))).toEqual({
      operation: 'GetObject',
      bucket: 'bkt',
      key: 'logs/a bü.txt',
    });
  });
});

describe('S3 routes', () => {
  it('creates a bucket, puts, gets and heads an object with quoted ETag and RFC 7231 dates', async () => {
    const { call } = setup();
    expect((await call('PUT', '/bkt')).response.status).toBe(200);
    const put = await call('PUT', '/bkt/a%20b.txt', { body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(put.response.headers?.etag).toBe('"5d41402abc4b2a76b9719d911017c592"');
    const get = await call('GET', '/bkt/a%20b.txt?x-id=GetObject');
    expect(get.text).toBe('hello');
    expect(get.response.headers).toMatchObject({
      'content-type': 'text/plain',
      'content-length': 5,
      etag: '"5d41402abc4b2a76b9719d911017c592"',
      'last-modified': 'Mon, 01 Jan 2024 00:00:00 GMT',
    });
    expect(get.response.headers?.['x-amz-request-id']).toMatch(/^REQ/);
    expect(get.response.headers?.['x-amz-id-2']).toBeTruthy();
    const head = await call('HEAD', '/bkt/a%20b.txt');
    expect(head.response.body).toBeUndefined();
    expect(head.response.headers?.['content-length']).toBe(5);
  });

  it('serves a single byte range with 206 and Content-Range', async () => {
    const { call, s3 } = setup();
    s3.store.putObject('bkt', 'k', '0123456789');
    const r = await call('GET', '/bkt/k', { headers: { range: 'bytes=2-4' } });
    expect(r.response.status).toBe(206);
    expect(r.text).toBe('234');
    expect(r.response.headers?.['content-range']).toBe('bytes 2-4/10');
    expect((await call('GET', '/bkt/k', { headers: { range: 'bytes=-3' } })).text).toBe('789');
    expect((await call('GET', '/bkt/k', { headers: { range: 'bytes=20-' } })).response.status).toBe(416);
  });

  it('answers NoSuchKey and NoSuchBucket as XML errors, and HEAD errors without a body', async () => {
    const { call, s3 } = setup();
    const noBucket = await call('GET', '/nope/k');
    expect(noBucket.response.status).toBe(404);
    expect(noBucket.text).toContain('<Code>NoSuchBucket</Code>');
    s3.store.createBucket('bkt');
    const noKey = await call('GET', '/bkt/missing');
    expect(noKey.response.headers?.['content-type']).toBe('application/xml');
    expect(noKey.text).toMatch(
      new RegExp(
        '<Error><Code>NoSuchKey</Code><Message>[^<]+</Message><Key>missing</Key>' +
          '<RequestId>REQ\\d+</RequestId><HostId>[^<]+</HostId></Error>',
      ),
    );
    const head = await call('HEAD', '/bkt/missing');
    expect(head.response.status).toBe(404);
    expect(head.response.body).toBeUndefined();
    expect(head.response.headers?.['x-amz-request-id']).toBeTruthy();
  });

  it('accepts CreateBucketConfiguration XML and rejects malformed XML', async () => {
    const { call } = setup();
    const config =
      '<CreateBucketConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
      '<LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>';
    expect((await call('PUT', '/eu-bkt', { body: config })).response.status).toBe(200);
    expect((await call('PUT', '/eu-bkt', { body: config })).text).toContain('BucketAlreadyOwnedByYou');
    const bad = await call('PUT', '/other', { body: '<CreateBucketConfiguration><Loc' });
    expect(bad.response.status).toBe(400);
    expect(bad.text).toContain('<Code>MalformedXML</Code>');
    expect((await call('PUT', '/Bad_Name')).text).toContain('InvalidBucketName');
  });

  it('deletes objects (204 even when missing) and refuses to delete a non-empty bucket', async () => {
    const { call, s3 } = setup();
    s3.store.putObject('bkt', 'k', 'x');
    expect((await call('DELETE', '/bkt')).text).toContain('BucketNotEmpty');
    expect((await call('DELETE', '/bkt/k')).response.status).toBe(204);
    expect((await call('DELETE', '/bkt/k')).response.status).toBe(204);
    expect((await call('DELETE', '/bkt/')).response.status).toBe(204);
    expect((await call('HEAD', '/bkt')).response.status).toBe(404);
  });

  it('lists buckets', async () => {
    const { call, s3 } = setup();
    s3.store.createBucket('b2');
    s3.store.createBucket('b1');
    const r = await call('GET', '/');
    expect(r.text.indexOf('<Name>b1</Name>')).toBeLessThan(r.text.indexOf('<Name>b2</Name>'));
    expect(r.text).toContain('<CreationDate>2024-01-01T00:00:00.000Z</CreationDate>');
  });

  it('answers unknown requests with a service-shaped 400 or 405 and never throws', async () => {
    const { call } = setup();
    const multipart = await call('POST', '/bkt/k?uploads');
    expect(multipart.response.status).toBe(400);
    expect(multipart.text).toContain('<Code>InvalidRequest</Code>');
    const patch = await call('PATCH', '/bkt/k');
    expect(patch.response.status).toBe(405);
    expect((await call('GET', '/bkt/%E0%A4%A')).response.status).toBe(400);
  });

  it('maps injected statuses to S3 codes and renders them through errorResponse', () => {
    const { s3 } = setup();
    const request = makeRequest('GET', '/bkt/k');
    const classified = s3.classify(request);
    expect([503, 500, 429, 403, 401, 404, 400, 502, 504].map((s) => s3.defaultErrorCode(s, classified))).toEqual([
      'SlowDown',
      'InternalError',
      'SlowDown',
      'AccessDenied',
      'AccessDenied',
      'NoSuchKey',
      'InvalidRequest',
      'ServiceUnavailable',
      'ServiceUnavailable',
    ]);
    const response = s3.errorResponse(503, undefined, 'Please reduce your request rate.', request, classified);
    expect(response.status).toBe(503);
    expect(String(response.body)).toContain('<Code>SlowDown</Code>');
    expect(s3.errorResponse(503, 'SlowDown', 'x', makeRequest('HEAD', '/bkt/k'), classified).body).toBeUndefined();
  });

  it('empties its store on resetState', async () => {
    const { s3 } = setup();
    s3.store.putObject('bkt', 'k', 'x');
    s3.resetState?.();
    expect(s3.store.hasBucket('bkt')).toBe(false);
  });
});

describe('S3 conditional requests', () => {
  it('answers 304 for a matching If-None-Match and 412 for a failing If-Match on GET', async () => {
    const { call, s3 } = setup();
    const etag = s3.store.putObject('bkt', 'k', 'hello').etag;
    expect((await call('GET', '/bkt/k', { headers: { 'if-none-match': etag } })).response.status).toBe(304);
    expect((await call('GET', '/bkt/k', { headers: { 'if-match': etag } })).response.status).toBe(200);
    const failed = await call('GET', '/bkt/k', { headers: { 'if-match': '"other"' } });
    expect(failed.response.status).toBe(412);
    expect(failed.text).toContain('<Code>PreconditionFailed</Code>');
  });

  it('refuses to overwrite with If-None-Match: * (conditional write)', async () => {
    const { call, s3 } = setup();
    s3.store.createBucket('bkt');
    expect((await call('PUT', '/bkt/k', { body: 'one', headers: { 'if-none-match': '*' } })).response.status).toBe(200);
    expect((await call('PUT', '/bkt/k', { body: 'two', headers: { 'if-none-match': '*' } })).response.status).toBe(412);
    expect(s3.store.getObject('bkt', 'k')!.body.toString()).toBe('one');
  });
});
