import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED_SHAPE, type SeedShape } from '../../harness/seed/corpus/render-object.js';
import { seedRecords } from '../../harness/seed/seed-records.js';

/** Renders a corpus into memory: key → body bytes, in put order. */
function corpus(seed: number, shape: SeedShape): Map<string, Buffer> {
  const objects = new Map<string, Buffer>();
  const s3 = {
    createBucket: () => undefined,
    putObject: (_bucket: string, key: string, body: Buffer | string) => {
      objects.set(key, Buffer.from(body));
    },
  };
  seedRecords({ s3, bucket: 'b', prefix: 'logs/', seed, shape }, 1, 40);
  return objects;
}

describe('seeded corpus', () => {
  for (const shape of [DEFAULT_SEED_SHAPE, { format: 'json', linesPerObject: 3, gzip: true } as const]) {
    it(`is byte-identical for the same seed and differs for another (${shape.format}, gzip ${shape.gzip})`, () => {
      const first = corpus(7, shape);
      const again = corpus(7, shape);
      const other = corpus(8, shape);
      expect([...again.keys()]).toEqual([...first.keys()]);
      for (const [key, body] of first) expect(again.get(key)?.equals(body), key).toBe(true);
      const text = (b: Buffer): string => (shape.gzip ? gunzipSync(b) : b).toString('utf8');
      const firstText = [...first.values()].map(text).join('\n');
      expect([...other.values()].map(text).join('\n')).not.toBe(firstText);
      if (shape.format === 'firewall') expect(firstText.split('\n').filter((l) => l.trim() !== '').length).toBe(40);
    });
  }
});
