import { describe, expect, it } from 'vitest';
import { compareRecord } from '../../harness/records/compare-record.js';
import type { SourceRecord } from '../../harness/seed/corpus/source-record.js';
import { REFERENCE_RECORD_SCHEMA } from '../../harness/targets/reference/record-schema.js';
import { prepareReference, seedCorpusObject, useReferenceRun } from './reference-harness.js';

describe('reference target: seeded object formats', () => {
  const ctx = useReferenceRun();

  it('delivers every declared column intact from a multi-line gzip object and a JSON array object', async () => {
    const gz = seedCorpusObject(ctx.fakes, 1, { format: 'firewall', linesPerObject: 5, gzip: true }, 1);
    const json = seedCorpusObject(ctx.fakes, 2, { format: 'json', linesPerObject: 4, gzip: false }, 6);
    expect(gz.key).toMatch(/\.log\.gz$/);
    ctx.target = await prepareReference(ctx.fakes, { batch_size: '3' });
    const ingest = await ctx.target.launch('ingest');
    expect((await ingest.exited).code).toBe(0);

    const delivered = ctx.fakes.ingest.records().map((r) => r.record);
    const seeded: SourceRecord[] = [...gz.records, ...json.records];
    expect(delivered).toHaveLength(seeded.length);
    for (const source of seeded) {
      const record = delivered.find((r) => r.BytesTransferred === source.bytes);
      expect(record, `record with bytes ${source.bytes}`).toBeDefined();
      expect(compareRecord(source, record ?? {}, REFERENCE_RECORD_SCHEMA)).toEqual({ missing: [], altered: [] });
      expect(Object.keys(record ?? {}).sort()).toEqual(
        [...REFERENCE_RECORD_SCHEMA.columns.map((c) => c.name), ...REFERENCE_RECORD_SCHEMA.metadata].sort(),
      );
    }
    expect(ctx.target.events.flatMap((e) => e.events).filter((e) => e.kind === 'record_rejected')).toEqual([]);
  });
});
