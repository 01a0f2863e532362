import { describe, expect, it } from 'vitest';
import { createEvaluationContext, evaluateExpectations } from '../../harness/expectations/index.js';
import { evaluateExpectation } from '../../harness/expectations/registry.js';
import { computeLedger } from '../../harness/ledger/compute-ledger.js';
import type { RunEvent, RunEventPayload } from '../../harness/observe/events.js';
import type { Expectation } from '../../harness/scenario/types.js';
import {
  buildEvents,
  fileCreated,
  ingested,
  launched,
  logRecord,
  request,
  seeded,
  stepDone,
  stepStarted,
  transition,
} from './helpers/synthetic-events.js';

const B = 'azure-sentinel';
const ctxOf = (events: RunEvent[]) => createEvaluationContext(events, computeLedger(events));
const evaluate = (expectation: Expectation, events: RunEvent[]) => evaluateExpectation(expectation, ctxOf(events));

/** A healthy outage: open at 10 s, lift at 10.1 s, HALF_OPEN at 70 s, CLOSED at 72 s. */
function healthyRun(): RunEvent[] {
  return buildEvents([
    [0, launched()],
    [0, seeded('1000001', '1000002')],
    [1_000, request('sentinel', 'Upload', 204, 1_000)],
    [1_010, ingested('1000001')],
    [5_000, request('sentinel', 'Upload', 429, 5_000)],
    [6_000, request('sentinel', 'Upload', 429, 6_000)],
    [7_000, request('sentinel', 'Upload', 429, 7_000)],
    [7_100, fileCreated('f.json', '1000002')],
    [10_000, transition(B, 'CLOSED', 'OPEN')],
    [10_100, stepStarted(1, 'lift')],
    [10_110, stepDone(1, 'lift')],
    [70_000, transition(B, 'OPEN', 'HALF_OPEN')],
    [70_010, request('sentinel', 'Upload', 204, 70_010)],
    [71_000, request('sentinel', 'Upload', 204, 71_000)],
    [71_010, ingested('1000002')],
    [72_000, transition(B, 'HALF_OPEN', 'CLOSED')],
    [75_000, { type: 'probe:sampled', health: 200, ready: 200, metrics: {} }],
  ]);
}

describe('breaker_sequence', () => {
  const exact: Expectation = {
    kind: 'breaker_sequence',
    breaker: B,
    sequence: ['CLOSED', 'OPEN', 'HALF_OPEN', 'CLOSED'],
    match: 'exact',
    promise: 'breaker-opens-at-threshold',
  };

  it('passes on the promised sequence, with the transitions as evidence', () => {
    const result = evaluate(exact, healthyRun());
    expect(result).toMatchObject({
      passed: true,
      kind: 'breaker_sequence',
      expected: 'CLOSED → OPEN → HALF_OPEN → CLOSED',
      observed: 'CLOSED → OPEN → HALF_OPEN → CLOSED',
      promise: 'breaker-opens-at-threshold',
    });
    expect(result.evidence.join('\n')).toContain('CLOSED → OPEN');
  });

  it('fails when the breaker never opens, naming what it saw', () => {
    const events = buildEvents([
      [0, launched()],
      [5_000, request('sentinel', 'Upload', 429, 5_000)],
    ]);
    expect(evaluate(exact, events)).toMatchObject({ passed: false, observed: 'CLOSED' });
  });

  it('matches a subsequence but not an exact list when there are extra states', () => {
    const events = buildEvents([
      [0, launched()],
      [1, transition(B, 'CLOSED', 'OPEN')],
      [2, transition(B, 'OPEN', 'HALF_OPEN')],
      [3, transition(B, 'HALF_OPEN', 'OPEN')],
      [4, transition(B, 'OPEN', 'HALF_OPEN')],
      [5, transition(B, 'HALF_OPEN', 'CLOSED')],
    ]);
    expect(evaluate({ ...exact, match: 'subsequence' }, events).passed).toBe(true);
    expect(evaluate(exact, events)).toMatchObject({
      passed: false,
      observed: 'CLOSED → OPEN → HALF_OPEN → OPEN → HALF_OPEN → CLOSED',
    });
  });
});

describe('recovery_time', () => {
  const bound: Expectation = { kind: 'recovery_time', breaker: B, fromStep: 'lift', minMs: 58_000, maxMs: 75_000 };

  it('measures from the step to CLOSED', () => {
    expect(evaluate(bound, healthyRun())).toMatchObject({
      passed: true,
      expected: '58000 ms ≤ t ≤ 75000 ms',
      observed: 61_900,
    });
  });

  it('fails when CLOSED comes too late', () => {
    expect(evaluate({ ...bound, maxMs: 30_000, minMs: undefined }, healthyRun())).toMatchObject({
      passed: false,
      expected: '≤ 30000 ms',
      observed: 61_900,
    });
  });

  it('fails when CLOSED comes too early (HALF_OPEN before the recovery timeout)', () => {
    expect(evaluate({ ...bound, minMs: 65_000 }, healthyRun())).toMatchObject({ passed: false, observed: 61_900 });
  });

  it('fails when the step never ran, or its trigger never held', () => {
    const withoutStep = healthyRun().filter((e) => e.type !== 'step:started' && e.type !== 'step:completed');
    expect(evaluate(bound, withoutStep)).toMatchObject({ passed: false, observed: 'step "lift" never ran' });
    const skipped = buildEvents([
      [0, launched()],
      [100_000, stepStarted(1, 'lift')],
      [100_000, stepDone(1, 'lift', true)],
    ]);
    expect(evaluate(bound, skipped)).toMatchObject({
      passed: false,
      observed: 'step "lift" never ran (its trigger did not hold in time)',
    });
  });

  it('fails when the breaker is not CLOSED again by the end', () => {
    const events = healthyRun().filter((e) => !(e.type === 'breaker:transitioned' && e.to === 'CLOSED'));
    expect(evaluate(bound, events).observed).toMatch(/^not CLOSED again by the end of the run/);
  });
});

describe('request_count', () => {
  const halfOpen: Expectation = {
    kind: 'request_count',
    name: 'HALF_OPEN lets at most 3 uploads through',
    service: 'sentinel',
    operation: 'Upload',
    whileBreaker: { breaker: B, state: 'HALF_OPEN' },
    max: 3,
  };

  it('counts only requests that started while the breaker was in the state', () => {
    expect(evaluate(halfOpen, healthyRun())).toMatchObject({
      passed: true,
      name: 'HALF_OPEN lets at most 3 uploads through',
      expected: '≤ 3',
      observed: 2,
    });
    const whileOpen: Expectation = {
      ...halfOpen,
      name: 'none while OPEN',
      whileBreaker: { breaker: B, state: 'OPEN' },
      max: 0,
    };
    expect(evaluate(whileOpen, healthyRun())).toMatchObject({ passed: true, observed: 0 });
  });

  it('fails when too many requests got through', () => {
    const events = healthyRun();
    const extra = buildEvents([
      [71_500, request('sentinel', 'Upload', 204, 71_500)],
      [71_600, request('sentinel', 'Upload', 204, 71_600)],
    ]);
    const merged = [...events, ...extra].sort((a, b) => a.atMs - b.atMs);
    const result = evaluate(halfOpen, merged);
    expect(result).toMatchObject({ passed: false, expected: '≤ 3', observed: 4 });
    expect(result.evidence.filter((line) => line.includes('sentinel Upload'))).toHaveLength(4);
  });

  it('filters by status and checks a minimum', () => {
    expect(
      evaluate({ kind: 'request_count', name: '429s', service: 'sentinel', status: 429, min: 4 }, healthyRun()),
    ).toMatchObject({ passed: false, expected: '≥ 4', observed: 3 });
  });

  it('counts between two steps', () => {
    const events = buildEvents([
      [0, request('s3', 'GetObject', 200, 0)],
      [10, stepStarted(0, 'a')],
      [20, request('s3', 'GetObject', 200, 20)],
      [30, stepStarted(1, 'b')],
      [40, request('s3', 'GetObject', 200, 40)],
    ]);
    expect(
      evaluate(
        { kind: 'request_count', name: 'between', service: 's3', betweenSteps: ['a', 'b'], min: 1, max: 1 },
        events,
      ),
    ).toMatchObject({ passed: true, observed: 1, expected: 'exactly 1' });
  });

  describe('places a request by its call (clientRequestId) under whileBreaker', () => {
    const whileOpen: Expectation = {
      kind: 'request_count',
      name: 'no upload while OPEN',
      service: 'sentinel',
      operation: 'Upload',
      whileBreaker: { breaker: B, state: 'OPEN' },
      max: 0,
    };
    /** Two concurrent calls admitted while CLOSED; the breaker opens at 10 s; call-a retries at 10.5 s. */
    function concurrentOpen(tail: readonly (readonly [number, RunEventPayload])[] = []): RunEvent[] {
      return buildEvents([
        [0, launched()],
        [9_000, request('sentinel', 'Upload', 503, 9_000, { clientRequestId: 'call-a' })],
        [9_500, request('sentinel', 'Upload', 503, 9_500, { clientRequestId: 'call-b' })],
        [10_000, transition(B, 'CLOSED', 'OPEN')],
        [10_500, request('sentinel', 'Upload', 503, 10_500, { clientRequestId: 'call-a', attempt: 2 })],
        ...tail,
      ]);
    }

    it('does not count a retry of a call admitted before the breaker opened, and lists it as in flight', () => {
      const result = evaluate(whileOpen, concurrentOpen());
      expect(result).toMatchObject({ passed: true, observed: 0 });
      const inFlight = result.evidence.filter((line) =>
        line.startsWith('in flight from before the transition, not counted:'),
      );
      expect(inFlight).toHaveLength(1);
      expect(inFlight[0]).toContain('@10.5s');
      expect(inFlight[0]).toContain('call call-a began @9.0s');
    });

    it('counts a new call that started while OPEN, and each of its retries', () => {
      const result = evaluate(
        whileOpen,
        concurrentOpen([
          [20_000, request('sentinel', 'Upload', 503, 20_000, { clientRequestId: 'call-c' })],
          [21_000, request('sentinel', 'Upload', 204, 21_000, { clientRequestId: 'call-c', attempt: 2 })],
        ]),
      );
      expect(result).toMatchObject({ passed: false, observed: 2 });
      expect(result.evidence.filter((line) => line.startsWith('@2'))).toEqual([
        expect.stringContaining('@20.0s'),
        expect.stringContaining('@21.0s'),
      ]);
      expect(result.evidence.filter((line) => line.startsWith('in flight'))).toHaveLength(1);
    });

    it('keeps counting a request with no id by its own start', () => {
      const result = evaluate(whileOpen, concurrentOpen([[10_600, request('sentinel', 'Upload', 503, 10_600)]]));
      expect(result).toMatchObject({ passed: false, observed: 1 });
      expect(result.evidence).toContainEqual(expect.stringMatching(/^@10\.6s .*sentinel Upload → 503$/));
    });

    it('counts the retry against the state its call started in', () => {
      const whileClosed: Expectation = {
        ...whileOpen,
        name: 'uploads while CLOSED',
        whileBreaker: { breaker: B, state: 'CLOSED' },
        max: undefined,
        min: 3,
      };
      expect(evaluate(whileClosed, concurrentOpen())).toMatchObject({ passed: true, observed: 3 });
    });
  });
});

describe('retry_spacing', () => {
  const spacing: Expectation = {
    kind: 'retry_spacing',
    service: 'sentinel',
    operation: 'Upload',
    status: 429,
    minGapMs: 900,
  };

  it('passes when every request after a 429 waits', () => {
    expect(evaluate(spacing, healthyRun())).toMatchObject({ passed: true, expected: 'every gap ≥ 900 ms' });
  });

  it('fails on a request sent too soon after a 429, naming the gap', () => {
    const events = buildEvents([
      [0, request('sentinel', 'Upload', 429, 0)],
      [1_000, request('sentinel', 'Upload', 429, 1_000)],
      [1_100, request('sentinel', 'Upload', 204, 1_100)],
    ]);
    const result = evaluate(spacing, events);
    expect(result).toMatchObject({ passed: false, observed: 'min gap 100 ms over 2 gap(s); 1 below the bound' });
    expect(result.evidence[0]).toMatch(/^100 ms between/);
  });

  it('fails when no 429 was ever seen (nothing proven)', () => {
    const events = buildEvents([[0, request('sentinel', 'Upload', 204, 0)]]);
    expect(evaluate(spacing, events)).toMatchObject({
      passed: false,
      observed: 'no 429 response followed by another request was seen',
    });
  });
});

describe('ledger, failed_batches_written, target_alive, secret_served_from_cache', () => {
  it('ledger passes with nothing lost and fails naming the lost ids', () => {
    expect(evaluate({ kind: 'ledger', maxLost: 0 }, healthyRun())).toMatchObject({
      passed: true,
      expected: { lost: '≤ 0' },
      observed: { lost: 0 },
    });
    const lossy = healthyRun().filter((e) => !(e.type === 'record:ingested' && e.recordId === '1000002'));
    const result = evaluate({ kind: 'ledger', maxLost: 0 }, lossy);
    // Still waiting in f.json: not lost.
    expect(result).toMatchObject({ passed: true, observed: { lost: 0 } });
    const dropped = lossy.filter((e) => e.type !== 'batch-file:created');
    expect(evaluate({ kind: 'ledger', maxLost: 0 }, dropped)).toMatchObject({ passed: false, observed: { lost: 1 } });
    expect(evaluate({ kind: 'ledger', maxLost: 0 }, dropped).evidence).toContain('lost ids: 1000002');
  });

  it('ledger checks duplicates when asked', () => {
    const events = [...healthyRun(), ...buildEvents([[80_000, ingested('1000001')]])];
    expect(evaluate({ kind: 'ledger', maxLost: 0, maxDuplicates: 0 }, events)).toMatchObject({
      passed: false,
      observed: { lost: 0, duplicates: 1 },
    });
  });

  it('ledger fails on records kept in a failed-batch file but never replayed, when undelivered is bounded', () => {
    const kept = healthyRun().filter((e) => !(e.type === 'record:ingested' && e.recordId === '1000002'));
    const result = evaluate({ kind: 'ledger', maxLost: 0, maxUndelivered: 0 }, kept);
    expect(result).toMatchObject({
      name: 'record ledger: lost, undelivered',
      passed: false,
      expected: { lost: '≤ 0', undelivered: '≤ 0' },
      observed: { lost: 0, undelivered: 1 },
    });
    expect(evaluate({ kind: 'ledger', maxLost: 0, maxUndelivered: 0 }, healthyRun())).toMatchObject({
      passed: true,
      observed: { lost: 0, undelivered: 0 },
    });
  });

  it('failed_batches_written counts files', () => {
    expect(evaluate({ kind: 'failed_batches_written', min: 1 }, healthyRun())).toMatchObject({
      passed: true,
      observed: 1,
    });
    expect(evaluate({ kind: 'failed_batches_written', min: 2 }, healthyRun())).toMatchObject({
      passed: false,
      expected: '≥ 2 file(s)',
      observed: 1,
    });
  });

  it('target_alive fails on an unexpected exit or two missed samples in a row', () => {
    expect(evaluate({ kind: 'target_alive' }, healthyRun()).passed).toBe(true);
    const crashed = [
      ...healthyRun(),
      ...buildEvents([
        [80_000, { type: 'target:exited', command: 'run', pid: 100, code: 1, signal: null, expected: false }],
      ]),
    ];
    expect(evaluate({ kind: 'target_alive' }, crashed)).toMatchObject({ passed: false });
    const unanswered = [
      ...healthyRun(),
      ...buildEvents([
        [76_000, { type: 'probe:sampled', health: null, ready: null, metrics: {} }],
        [77_000, { type: 'probe:sampled', health: null, ready: null, metrics: {} }],
      ]),
    ];
    expect(evaluate({ kind: 'target_alive' }, unanswered).observed).toMatch(/longest miss streak 2/);
  });

  it('secret_served_from_cache needs a cached secret while that breaker was OPEN', () => {
    const kv = 'azure-key-vault';
    const cached = {
      type: 'secret:served-from-cache',
      secretName: 's',
      breaker: kv,
      line: "Serving cached secret 's' (azure-key-vault breaker OPEN)",
    } as const;
    const served = buildEvents([
      [0, launched()],
      [10, transition(kv, 'CLOSED', 'OPEN')],
      [20, cached],
      [30, transition(kv, 'OPEN', 'HALF_OPEN')],
    ]);
    expect(evaluate({ kind: 'secret_served_from_cache', breaker: kv }, served)).toMatchObject({
      passed: true,
      observed: 1,
    });
    const never = buildEvents([
      [0, launched()],
      [10, transition(kv, 'CLOSED', 'OPEN')],
    ]);
    expect(evaluate({ kind: 'secret_served_from_cache', breaker: kv }, never)).toMatchObject({
      passed: false,
      expected: '≥ 1 cached secret served while OPEN',
      observed: 0,
    });
  });
});

describe('no_impossible_transitions (always on)', () => {
  it('is appended to every evaluation and fails on an inconsistent transition', () => {
    const ok = evaluateExpectations([], ctxOf(healthyRun())).filter((e) =>
      ['no_impossible_transitions', 'uploads_reached_sentinel'].includes(e.kind),
    );
    expect(ok).toEqual([
      expect.objectContaining({ kind: 'no_impossible_transitions', passed: true, observed: 0 }),
      expect.objectContaining({ kind: 'uploads_reached_sentinel', passed: true, observed: 6 }),
    ]);
    const reopened = buildEvents([
      [0, launched()],
      [1, transition(B, 'CLOSED', 'OPEN')],
      [2, transition(B, 'OPEN', 'HALF_OPEN')],
      // The real connector's wording for a re-open from HALF_OPEN.
      [3, transition(B, 'CLOSED', 'OPEN', { consistent: false, expectedFrom: 'HALF_OPEN' })],
    ]);
    const [result] = evaluateExpectations([], ctxOf(reopened)).filter((e) => e.kind === 'no_impossible_transitions');
    expect(result).toMatchObject({ passed: false, expected: 0, observed: 1 });
    expect(result!.evidence[0]).toContain('was HALF_OPEN, log says CLOSED → OPEN');
  });
});

describe('uploads_reached_sentinel (always on when records were seeded)', () => {
  const typeError =
    '2026-11-27 04:12:03,101 - root - ERROR - Unexpected error during batch ingestion: ' +
    'LogsIngestionClient.upload() takes 4 positional arguments but 5 were given';
  const log = (record: string): RunEventPayload => logRecord(record);
  const reachability = (events: RunEvent[]) =>
    evaluateExpectations([], ctxOf(events)).find((e) => e.kind === 'uploads_reached_sentinel');

  it('fails, naming the first upload error and the journal counts, when no upload ever reached Sentinel', () => {
    const events = buildEvents([
      [0, launched()],
      [0, seeded('1000001', '1000002')],
      [100, request('s3', 'ListObjectsV2', 200, 100)],
      [110, request('s3', 'GetObject', 200, 110)],
      [120, request('s3', 'GetObject', 200, 120)],
      [130, log('2026-11-27 04:12:03,050 - root - INFO - Found 2 new objects in chaos-logs/logs/')],
      [140, log('2026-11-27 04:12:03,090 - src.core.s3_handler - ERROR - Failed to parse line 7')],
      [150, log(`${typeError}\nTraceback (most recent call last):\n  File "router.py", line 414`)],
      ...Array.from({ length: 20 }, (_, i) => [200 + i, log(typeError)] as const),
      [
        5_000,
        log("2026-11-27 04:12:08,000 - root - ERROR - Batch 0c5c failed: Circuit breaker OPEN for 'azure-sentinel'"),
      ],
    ]);
    const result = reachability(events);
    expect(result).toMatchObject({
      name: 'uploads reached Sentinel',
      passed: false,
      expected: '≥ 1 Sentinel Upload request',
      observed: 0,
    });
    expect(result!.promise).toBeUndefined();
    expect(result!.evidence[0]).toBe(
      'no Sentinel Upload request reached the fake in 5.0s of target time, with 2 record(s) seeded',
    );
    expect(result!.evidence[1]).toBe('first upload/ingestion error(s) the target logged (21 in all):');
    // One line per distinct message, with its count; the parse error and the breaker line are not about uploads.
    expect(result!.evidence[2]).toBe(`@0.1s [run] ${typeError} (×21)`);
    expect(result!.evidence).toHaveLength(4);
    expect(result!.evidence.at(-1)).toBe(
      'requests by service: s3 3 (ListObjectsV2 1, GetObject 2); keyvault 0; sentinel 0; identity 0',
    );
  });

  it('falls back to the first errors of any kind when none mentions uploads', () => {
    const events = buildEvents([
      [0, seeded('1000001')],
      [10, log('2026-11-27 04:12:03,090 - src.utils.credential_manager - CRITICAL - Failed to get secret: 403')],
    ]);
    expect(reachability(events)!.evidence.slice(1, 3)).toEqual([
      'the target logged no upload/ingestion error; its first error(s) (1 in all):',
      '@0.0s [run] 2026-11-27 04:12:03,090 - src.utils.credential_manager - CRITICAL - Failed to get secret: 403',
    ]);
  });

  it('passes when an upload reached the fake, even one the fault engine failed', () => {
    const events = buildEvents([
      [0, seeded('1000001')],
      [500, request('sentinel', 'Upload', 429, 500)],
    ]);
    expect(reachability(events)).toMatchObject({ passed: true, observed: 1 });
  });

  it('is not evaluated when the run seeded nothing', () => {
    expect(reachability(buildEvents([[0, launched()]]))).toBeUndefined();
  });
});
