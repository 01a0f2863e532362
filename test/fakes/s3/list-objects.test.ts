import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../fakes/core/clock.js';
import { S3Store } from '../../../fakes/s3/index.js';
import { listObjectsV2 } from '../../../fakes/s3/list-objects.js';

function storeWith(keys: string[]): S3Store {
  const store = new S3Store(new ManualClock(Date.UTC(2024, 0, 1)));
  store.createBucket('bkt');
  for (const key of keys) store.putObject('bkt', key, key);
  return store;
}

const tags = (xml: string, name: string) =>
  [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]);

/** Follows NextContinuationToken like a paginator; returns every page. */
function paginate(store: S3Store, params: Record<string, string>): string[] {
  const pages: string[] = [];
  let token: string | undefined;
  for (let i = 0; i < 100; i++) {
    const query = new URLSearchParams({
      'list-type': '2',
      ...params,
      ...(token ? { 'continuation-token': token } : {}),
    });
    const xml = listObjectsV2(store, 'bkt', query);
    pages.push(xml);
    token = tags(xml, 'NextContinuationToken')[0];
    if (!token) return pages;
  }
  throw new Error('pagination did not terminate');
}

describe('ListObjectsV2', () => {
  it('lists keys in UTF-8 byte order with RFC 3339 LastModified, quoted ETags and KeyCount', () => {
    const xml = listObjectsV2(storeWith(['b', 'a', '\u{1F600}', '\uFF21']), 'bkt', new URLSearchParams('list-type=2'));
    expect(tags(xml, 'Key')).toEqual(['a', 'b', '\uFF21', '\u{1F600}']);
    expect(tags(xml, 'LastModified')[0]).toBe('2024-01-01T00:00:00.000Z');
    expect(tags(xml, 'ETag')[0]).toBe('&quot;0cc175b9c0f1b6a831c399e269772661&quot;');
    expect(tags(xml, 'KeyCount')).toEqual(['4']);
    expect(tags(xml, 'IsTruncated')).toEqual(['false']);
  });

  it('paginates with max-keys and continuation tokens without losing or repeating keys', () => {
    const keys = Array.from({ length: 25 }, (_, i) => `logs/${String(i).padStart(3, '0')}.log`);
    const pages = paginate(storeWith([...keys, 'other/x']), { prefix: 'logs/', 'max-keys': '10' });
    expect(pages).toHaveLength(3);
    expect(pages.flatMap((p) => tags(p, 'Key'))).toEqual(keys);
    expect(tags(pages[0]!, 'IsTruncated')).toEqual(['true']);
  });

  it('groups CommonPrefixes by delimiter and counts each prefix once across pages', () => {
    const store = storeWith(['a/1', 'a/2', 'a/3', 'b/1', 'c', 'd/1']);
    const pages = paginate(store, { delimiter: '/', 'max-keys': '1' });
    expect(pages.flatMap((p) => tags(p, 'Prefix')).filter((p) => p !== '')).toEqual(['a/', 'b/', 'd/']);
    expect(pages.flatMap((p) => tags(p, 'Key'))).toEqual(['c']);
  });

  it('honours start-after and echoes it', () => {
    const xml = listObjectsV2(storeWith(['a', 'b', 'c']), 'bkt', new URLSearchParams('list-type=2&start-after=a'));
    expect(tags(xml, 'Key')).toEqual(['b', 'c']);
    expect(tags(xml, 'StartAfter')).toEqual(['a']);
  });

  it('percent-encodes keys and echoes EncodingType for encoding-type=url', () => {
    const xml = listObjectsV2(
      storeWith(['dir/a b+c\u00fc.txt']),
      'bkt',
      new URLSearchParams('list-type=2&encoding-type=url&prefix=dir/'),
    );
    expect(tags(xml, 'Key')).toEqual(['dir/a%20b%2Bc%C3%BC.txt']);
    expect(tags(xml, 'EncodingType')).toEqual(['url']);
    expect(decodeURIComponent(tags(xml, 'Key')[0]!)).toBe('dir/a b+c\u00fc.txt');
  });

  it('rejects a bad max-keys, encoding-type or continuation token', () => {
    const store = storeWith(['a']);
    expect(() => listObjectsV2(store, 'bkt', new URLSearchParams('list-type=2&max-keys=x'))).toThrow(/max-keys/);
    expect(() => listObjectsV2(store, 'bkt', new URLSearchParams('list-type=2&encoding-type=b64'))).toThrow(/Encoding/);
    expect(() => listObjectsV2(store, 'bkt', new URLSearchParams('list-type=2&continuation-token=zzz'))).toThrow(
      /continuation token/,
    );
  });
});
