import { describe, expect, it } from 'vitest';
import { createEvaluationContext } from '../../harness/expectations/index.js';
import { evaluateExpectation } from '../../harness/expectations/registry.js';
import { computeLedger } from '../../harness/ledger/compute-ledger.js';
import type { RunEvent, RunEventPayload } from '../../harness/observe/events.js';
import { buildEvents, ingested, seeded } from './helpers/synthetic-events.js';

const ready: RunEventPayload = { type: 'target:ready', healthUrl: null };
const ids = (from: number, to: number): string[] => Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
const evaluate = (events: RunEvent[], maxMs = 10_000) =>
  evaluateExpectation(
    { kind: 'backlog_drained', maxMs, pageSize: 2 },
    createEvaluationContext(events, computeLedger(events)),
  );

// Keys sort as strings: logs/1.log, logs/2.log | logs/3.log, logs/4.log | logs/5.log (pages of 2).
describe('backlog_drained', () => {
  it('passes when the backlog is delivered within the bound, with drain time and throughput', () => {
    const verdict = evaluate(
      buildEvents([
        [0, seeded(...ids(1, 5))],
        [1_000, ready],
        ...ids(1, 5).map((id) => [1_000 + Number(id) * 1_000, ingested(id)] as const),
      ]),
    );
    expect(verdict.passed).toBe(true);
    expect(verdict.observed).toEqual({
      drainMs: 5_000,
      recordsPerS: 1,
      objectsPerS: 1,
      undelivered: 0,
      undeliveredBeyondFirstPage: 0,
    });
    expect(verdict.evidence).toContain('beyond the first page: 3 of 3 record(s) delivered');
  });

  it('fails naming the records beyond the first page that were never delivered', () => {
    const verdict = evaluate(
      buildEvents([
        [0, seeded(...ids(1, 5))],
        [1_000, ready],
        [2_000, ingested('1')],
        [2_000, ingested('2')],
      ]),
    );
    expect(verdict.passed).toBe(false);
    expect(verdict.observed).toMatchObject({ drainMs: null, undelivered: 3, undeliveredBeyondFirstPage: 3 });
    expect(verdict.evidence).toContain('never delivered: record 5 in logs/5.log (list page 3)');
  });

  it('fails when the drain takes longer than the bound', () => {
    const verdict = evaluate(
      buildEvents([
        [0, seeded('1')],
        [1_000, ready],
        [20_000, ingested('1')],
      ]),
    );
    expect(verdict.passed).toBe(false);
    expect(verdict.observed).toMatchObject({ drainMs: 19_000 });
  });
});
