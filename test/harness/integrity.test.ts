/**
 * Record integrity on synthetic events: identity that survives one changed field, the ledger's
 * classification, and the kinds that judge delivery paths, failed calls, archives and one-shot
 * commands. Each is shown passing on a faithful history and failing, with evidence, on a broken one.
 */
import { describe, expect, it } from 'vitest';
import { createEvaluationContext } from '../../harness/expectations/evaluation-context.js';
import { evaluateExpectations } from '../../harness/expectations/index.js';
import { type Expectation, evaluateExpectation } from '../../harness/expectations/registry.js';
import { computeLedger } from '../../harness/ledger/compute-ledger.js';
import type { RunEvent, RunEventPayload } from '../../harness/observe/events.js';
import { createRecordIdentity } from '../../harness/records/record-identity.js';
import { renderObject } from '../../harness/seed/corpus/render-object.js';
import { sourceRecord } from '../../harness/seed/corpus/source-record.js';
import { REFERENCE_RECORD_SCHEMA } from '../../harness/targets/reference/record-schema.js';
import {
  buildEvents,
  delivered,
  faultCleared,
  faultInjected,
  fileArchived,
  fileCreated,
  ingestedRecord,
  launched,
  oneshot,
  prepared,
  request,
  seeded,
  uploadAttempt,
} from './helpers/synthetic-events.js';

const ctxOf = (events: RunEvent[]) => createEvaluationContext(events, computeLedger(events));
const evaluate = (e: Expectation, events: RunEvent[]) => evaluateExpectation(e, ctxOf(events));
const run = (...timeline: (readonly [number, RunEventPayload])[]) =>
  buildEvents([[-1, prepared()], [0, launched()], ...timeline]);

describe('the corpus', () => {
  it('is the same for a seed and differs for another, with IPv4 and IPv6 addresses', () => {
    const a = Array.from({ length: 50 }, (_, i) => sourceRecord(7, i + 1));
    expect(Array.from({ length: 50 }, (_, i) => sourceRecord(7, i + 1))).toEqual(a);
    expect(sourceRecord(8, 1)).not.toEqual(a[0]);
    const addresses = a.flatMap((r) => [r.src_ip, r.dst_ip]);
    expect(addresses.some((ip) => ip.includes(':'))).toBe(true);
    expect(addresses.some((ip) => /^\d+\.\d+\.\d+\.\d+$/.test(ip))).toBe(true);
  });

  it('writes several lines per object, gzip on demand', async () => {
    const records = [sourceRecord(1, 1), sourceRecord(1, 2)];
    const plain = renderObject(records, { format: 'firewall', linesPerObject: 2, gzip: false }).toString('utf8');
    expect(plain.trim().split('\n')).toHaveLength(2);
    expect(plain.split('\n')[0]?.split('|')).toHaveLength(9);
    const gz = renderObject(records, { format: 'firewall', linesPerObject: 2, gzip: true });
    expect(gz.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
  });
});

describe('record identity', () => {
  const identity = createRecordIdentity(REFERENCE_RECORD_SCHEMA);
  for (let n = 1; n <= 20; n += 1) identity.add(String(n), sourceRecord(1, n));

  it('recognises a record whose addresses were redacted or whose bytes changed type', () => {
    expect(identity.identify(delivered(7))).toBe('7');
    expect(identity.identify(delivered(7, { SourceIP: '[REDACTED:IPV4]', DestinationIP: '[REDACTED:IPV4]' }))).toBe(
      '7',
    );
    expect(identity.identify(delivered(7, { BytesTransferred: String(sourceRecord(1, 7).bytes) }))).toBe('7');
  });

  it('leaves a record unidentified when its carriers point at different records equally', () => {
    const mixed = { ...delivered(3), BytesTransferred: sourceRecord(1, 4).bytes, SourceIP: sourceRecord(1, 4).src_ip };
    expect(identity.identify(mixed)).toBeNull();
    expect(identity.identify({ Unrelated: 1 })).toBeNull();
  });
});

describe('records_unaltered', () => {
  const spec: Expectation = { kind: 'records_unaltered', promise: 'records-unaltered' };

  it('passes on records delivered as declared, with the declared type coercions', () => {
    const events = run(
      [1, seeded('1', '2')],
      [10, ingestedRecord(1)],
      // Declared coercions: the timestamp in another ISO form, a port as text.
      [11, ingestedRecord(2, { TimeGenerated: sourceRecord(1, 2).timestamp.replace('Z', '+00:00'), SourcePort: '1' })],
    );
    const ledger = computeLedger(events);
    expect(ledger.integrity).toMatchObject({ intact: 1, altered: 1 });
    const fixed = run([1, seeded('1')], [10, ingestedRecord(1, { SourcePort: String(sourceRecord(1, 1).src_port) })]);
    expect(evaluate(spec, fixed)).toMatchObject({
      passed: true,
      observed: { altered: 0, missingFields: 0, intact: 1 },
    });
  });

  it('fails naming the field diff of an altered record and the column of a missing one', () => {
    const events = run(
      [1, seeded('1', '2', '3')],
      [10, ingestedRecord(1)],
      [11, ingestedRecord(2, { SourceIP: '[REDACTED:IPV4]' }, 'replay-failed')],
      [12, ingestedRecord(3, { Protocol: undefined })],
    );
    const result = evaluate(spec, events);
    expect(result).toMatchObject({ passed: false, observed: { altered: 1, missingFields: 1, intact: 1 } });
    const original = JSON.stringify(sourceRecord(1, 2).src_ip);
    const diff = `record 2: SourceIP: ${original} → "[REDACTED:IPV4]" (via replay-failed)`;
    expect(result.evidence).toContain(diff);
    expect(result.evidence).toContain('record 3 arrived without Protocol');
  });
});

describe('delivery paths', () => {
  it('counts a stored record delivered by run as re-read, and one delivered by replay as replayed', () => {
    const events = run(
      [1, seeded('1', '2')],
      [5, fileCreated('a.json', '1', '2')],
      [20, ingestedRecord(1, {}, 'run')],
      [21, ingestedRecord(2, {}, 'replay-failed')],
      [22, fileArchived('a.json')],
    );
    const ledger = computeLedger(events);
    expect(ledger.integrity).toMatchObject({ reRead: 1, deliveriesByOrigin: { run: 1, 'replay-failed': 1 } });
    expect(ledger.replayed).toBe(1);
    const result = evaluate({ kind: 'ledger', maxLost: 0, maxReRead: 0 }, events);
    expect(result).toMatchObject({ passed: false, observed: { lost: 0, reRead: 1 } });
    expect(result.evidence.join('\n')).toContain('re-read (stored, then delivered by run from the source): 1');
  });
});

describe('failed_calls_accounted', () => {
  const spec: Expectation = { kind: 'failed_calls_accounted', withinMs: 10_000 };
  const upload = (status: number, at: number, requestId: string, callId: string) =>
    request('sentinel', 'Upload', status, at, { requestId, clientRequestId: callId });

  it('passes when a failed call is retried to success or its records are stored in time', () => {
    const events = run(
      [1, seeded('1', '2')],
      [10, uploadAttempt('q1', 'c1', '1')],
      [10, upload(503, 10, 'q1', 'c1')],
      [12, uploadAttempt('q2', 'c1', '1')],
      [12, upload(204, 12, 'q2', 'c1')],
      [20, uploadAttempt('q3', 'c2', '2')],
      [20, upload(429, 20, 'q3', 'c2')],
      [25, fileCreated('b.json', '2')],
    );
    expect(evaluate(spec, events)).toMatchObject({ passed: true });
  });

  it('fails naming the call, its outcome and its records when nothing kept them', () => {
    const events = run(
      [1, seeded('1', '2')],
      [20, uploadAttempt('q3', 'c2', '1', '2')],
      [20, upload(503, 20, 'q3', 'c2')],
      [60_000, launched(200)],
    );
    const result = evaluate(spec, events);
    expect(result.passed).toBe(false);
    expect(result.evidence.join('\n')).toMatch(/call c2 \(run\) HTTP 503 @0\.0s: record\(s\) 1, 2 neither stored/);
  });
});

describe('archives_only_delivered and replay_report_truthful', () => {
  const history = (archivedDelivered: boolean, code: number, summary: string) =>
    run(
      [1, seeded('1', '2')],
      [5, fileCreated('a.json', '1')],
      [5, fileCreated('b.json', '2')],
      [10_000, { type: 'target:launched', command: 'replay-failed', pid: 300 }],
      ...(archivedDelivered ? [[10_100, ingestedRecord(1, {}, 'replay-failed')] as const] : []),
      [10_200, fileArchived('a.json')],
      [10_300, oneshot('replay-failed', 300, code, summary)],
    );

  it('pass when the replay archived only what it delivered and said so', () => {
    const events = history(true, 1, 'Replay complete: processed=2 archived=1 failed=1');
    expect(evaluate({ kind: 'archives_only_delivered' }, events)).toMatchObject({ passed: true });
    expect(evaluate({ kind: 'replay_report_truthful' }, events)).toMatchObject({ passed: true });
  });

  it('fail on a file archived without delivery, and on a replay that claims success', () => {
    const events = history(false, 0, 'Replay complete: processed=2 archived=2 failed=0');
    const archives = evaluate({ kind: 'archives_only_delivered' }, events);
    expect(archives.passed).toBe(false);
    expect(archives.evidence[0]).toMatch(/a\.json left the directory; undelivered record\(s\): 1/);
    const report = evaluate({ kind: 'replay_report_truthful' }, events);
    expect(report.passed).toBe(false);
    expect(report.evidence.join('\n')).toMatch(/says archived=2, but 1 of the 2 file\(s\) it was given left/);
    expect(report.evidence.join('\n')).toMatch(/exited 0, but 2 file\(s\) it was given hold records/);
  });
});

describe('oneshot_exit_truthful', () => {
  const history = (code: number) =>
    run(
      [1, seeded('1', '2')],
      [100, { type: 'target:launched', command: 'ingest', pid: 400 }],
      [900, oneshot('ingest', 400, code, null)],
    );

  it('fails when ingest exits 0 with records neither delivered nor stored, and passes when it exits 1', () => {
    expect(evaluate({ kind: 'oneshot_exit_truthful' }, history(0))).toMatchObject({ passed: false });
    expect(evaluate({ kind: 'oneshot_exit_truthful' }, history(1))).toMatchObject({ passed: true });
  });
});

describe('steady state (always on)', () => {
  const steady = (events: RunEvent[]) =>
    evaluateExpectations([], ctxOf(events)).filter((e) => e.kind.startsWith('steady_state'));

  it('holds before the fault and after recovery when fresh records arrive once, in time', () => {
    const events = run(
      // The initial seed is put before the target is ready: not fresh, not judged.
      [-1, seeded('1')],
      [500, ingestedRecord(1)],
      [1_000, seeded('2')],
      [1_500, ingestedRecord(2)],
      [10_000, faultInjected()],
      [20_000, faultCleared()],
      [30_000, seeded('3')],
      [31_000, ingestedRecord(3)],
      [40_000, { type: 'run:ended', reason: 'end of the synthetic run' }],
    );
    expect(steady(events).map((e) => [e.kind, e.passed])).toEqual([
      ['steady_state_before', true],
      ['steady_state_after', true],
    ]);
  });

  it('judges "before" only once the initial backlog was delivered: a cold start is not a steady state', () => {
    const events = run(
      [-1, seeded('1')],
      [1_000, seeded('2')],
      [4_500, ingestedRecord(2)], // late, but put while the backlog was still being delivered
      [5_000, ingestedRecord(1)],
      [6_000, seeded('3')],
      [6_500, ingestedRecord(3)],
      [10_000, faultInjected()],
    );
    const [before] = steady(events);
    expect(before?.passed).toBe(true);
    expect(before?.evidence[0]).toBe('window 5.0s–10.0s, bound 3000 ms');
  });

  it('judges "after" once the outage backlog was delivered, and still names a late fresh record', () => {
    const events = run(
      [-1, seeded('1')],
      [500, ingestedRecord(1)],
      [10_000, faultInjected()],
      [12_000, seeded('2')], // put during the outage: backlog, drained after recovery
      [20_000, faultCleared()],
      [21_000, seeded('3')], // put after recovery but while the backlog drains: not yet steady
      [26_000, ingestedRecord(2)],
      [26_500, ingestedRecord(3)],
      [30_000, seeded('4')],
      [30_500, ingestedRecord(4)],
      [32_000, seeded('5')],
      [39_000, ingestedRecord(5)],
      [40_000, { type: 'run:ended', reason: 'end of the synthetic run' }],
    );
    const [, after] = steady(events);
    expect(after?.passed).toBe(false);
    expect(after?.evidence).toEqual(['window 26.0s–40.0s, bound 3000 ms', 'record 5 put @32.0s delivered late @39.0s']);
  });

  it('does not wait for records kept in failed-batch files: replay-failed, not the run, delivers them', () => {
    const events = run(
      [-1, seeded('1')],
      [500, ingestedRecord(1)],
      [10_000, faultInjected()],
      [12_000, seeded('2')],
      [13_000, fileCreated('a.json', '2')], // kept for replay, delivered only at the end
      [20_000, faultCleared()],
      [24_000, seeded('3')],
      [25_000, ingestedRecord(3)],
      [38_000, ingestedRecord(2, {}, 'replay-failed')],
      [40_000, { type: 'run:ended', reason: 'end of the synthetic run' }],
    );
    const [, after] = steady(events);
    expect(after?.passed).toBe(true);
    expect(after?.evidence[0]).toBe('window 20.0s–40.0s, bound 3000 ms');
  });

  it('fails on a late delivery before the fault and a duplicate after recovery, naming the records', () => {
    const events = run(
      [1_000, seeded('2')],
      [5_000, ingestedRecord(2)],
      [10_000, faultInjected()],
      [20_000, faultCleared()],
      [30_000, seeded('3')],
      [31_000, ingestedRecord(3)],
      [32_000, ingestedRecord(3)],
      [40_000, { type: 'run:ended', reason: 'end of the synthetic run' }],
    );
    const [before, after] = steady(events);
    expect(before?.evidence).toContain('record 2 put @1.0s delivered late @5.0s');
    expect(after?.evidence).toContain('record 3 delivered 2 times after recovery');
  });
});
