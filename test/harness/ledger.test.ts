import { describe, expect, it } from 'vitest';
import { computeLedger, toResultLedger } from '../../harness/ledger/compute-ledger.js';
import { buildEvents, fileArchived, fileCreated, ingested, seeded } from './helpers/synthetic-events.js';

describe('computeLedger', () => {
  it('accounts for every seeded record: delivered, duplicated, waiting, replayed, lost', () => {
    const events = buildEvents([
      [0, seeded('1000001', '1000002', '1000003', '1000004', '1000005')],
      [10, ingested('1000001')],
      [20, ingested('1000001')],
      [30, fileCreated('failed-batch-a.json', '1000002', '1000003')],
      [40, fileCreated('failed-batch-b.json', '1000004')],
      // Replay archives a and delivers its records; b stays waiting; 1000005 never shows up.
      [50, ingested('1000002', 'replay-failed')],
      [51, ingested('1000003', 'replay-failed')],
      [52, fileArchived('failed-batch-a.json')],
      [60, { type: 'record:rejected', reason: 'missing required fields', count: 1, line: 'x' }],
    ]);
    const ledger = computeLedger(events);
    expect(toResultLedger(ledger)).toEqual({
      seeded: 5,
      delivered: 3,
      duplicates: 1,
      inFailedBatches: 1,
      replayed: 2,
      lost: 1,
      lostIds: ['1000005'],
      rejected: 1,
    });
    expect(ledger.duplicateIds).toEqual([{ id: '1000001', deliveries: 2 }]);
    expect(ledger.seeded).toBe(ledger.delivered + ledger.inFailedBatches + ledger.lost);
  });

  it('counts a record archived without being delivered as lost (archive-on-failure)', () => {
    const events = buildEvents([
      [0, seeded('1000001')],
      [10, fileCreated('f.json', '1000001')],
      [20, fileArchived('f.json')],
    ]);
    expect(computeLedger(events)).toMatchObject({ delivered: 0, inFailedBatches: 0, lost: 1, lostIds: ['1000001'] });
  });

  it('does not credit a replay with a record that was never stored', () => {
    const events = buildEvents([
      [0, seeded('1000001', '1000002')],
      [10, fileCreated('f.json', '1000001')],
      [20, ingested('1000001', 'replay-failed')],
      [21, ingested('1000002', 'replay-failed')],
    ]);
    expect(computeLedger(events)).toMatchObject({ delivered: 2, replayed: 1 });
  });

  it('keeps unknown deliveries out of the ledger', () => {
    const events = buildEvents([
      [0, seeded('1000001')],
      [10, ingested('1000001')],
      [11, ingested('42')],
    ]);
    expect(computeLedger(events)).toMatchObject({ seeded: 1, delivered: 1, duplicates: 0, unknownDeliveries: 1 });
  });
});
