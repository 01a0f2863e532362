import { describe, expect, it } from 'vitest';
import { noCanaryInLogs } from '../../harness/expectations/always-on/no-canary-in-logs.js';
import { createEvaluationContext } from '../../harness/expectations/index.js';
import { computeLedger } from '../../harness/ledger/compute-ledger.js';
import type { RunEvent } from '../../harness/observe/events.js';
import { CANARIES, canaryFor, FAKE_TOKEN_HEAD, findCanaries } from '../../harness/seed/corpus/canaries.js';
import { sourceRecord } from '../../harness/seed/corpus/source-record.js';
import { buildEvents, logRecord } from './helpers/synthetic-events.js';

const ctxOf = (events: RunEvent[]) => createEvaluationContext(events, computeLedger(events));
const TOKEN = `${FAKE_TOKEN_HEAD}eyJhdWQiOiJodHRwczovL21vbml0b3IuYXp1cmUuY29tIn0.ZmFrZS1zaWduYXR1cmU`;

describe('canaries in the seed corpus', () => {
  it('every record carries one in its rule name, and every canary is used', () => {
    const names = Array.from({ length: CANARIES.length }, (_, i) => sourceRecord(1, i + 1).rule_name);
    for (const [i, name] of names.entries()) expect(name.endsWith(`/${canaryFor(i + 1).value}`)).toBe(true);
    expect(new Set(names.map((n) => n.split('/')[1])).size).toBe(CANARIES.length);
  });

  it('masks every canary and fake bearer token in a line, naming their shapes', () => {
    const hit = findCanaries(`batch data rule=${CANARIES[0]!.value} auth=Bearer ${TOKEN} mail=${CANARIES[3]!.value}`);
    expect(hit).toEqual({
      shapes: ['aws-access-key-id', 'email', 'bearer-token'],
      masked: 'batch data rule=[canary:aws-access-key-id] auth=Bearer [fake bearer token] mail=[canary:email]',
    });
    expect(findCanaries('Circuit breaker azure-sentinel: CLOSED -> OPEN')).toBeNull();
  });
});

describe('no_canary_in_logs', () => {
  it('passes on clean logs, saying how much it scanned', () => {
    const verdict = noCanaryInLogs.evaluate(ctxOf(buildEvents([[1_000, logRecord('INFO cycle done: 10 records')]])));
    expect(verdict).toMatchObject({ passed: true, observed: 'none' });
    expect(verdict!.evidence[0]).toMatch(/^1 log record\(s\) scanned/);
  });

  it('fails on a logged record or token, with the line masked as evidence', () => {
    const leaked = `ERROR Failed batch data: {"RuleName":"fw-edge-3/${CANARIES[4]!.value}"}`;
    const events = buildEvents([
      [1_000, logRecord('INFO fine')],
      [2_000, logRecord(leaked)],
      [3_000, logRecord(`DEBUG Authorization: Bearer ${TOKEN}`)],
    ]);
    const verdict = noCanaryInLogs.evaluate(ctxOf(events))!;
    expect(verdict.passed).toBe(false);
    expect(verdict.observed).toBe('2 log record(s) leaked: us-ssn, bearer-token');
    expect(verdict.evidence).toEqual([
      '@2.0s run stderr: ERROR Failed batch data: {"RuleName":"fw-edge-3/[canary:us-ssn]"}',
      '@3.0s run stderr: DEBUG Authorization: Bearer [fake bearer token]',
    ]);
    expect(verdict.evidence.join('\n')).not.toContain(CANARIES[4]!.value);
  });
});

describe('no_canary_in_logs evidence on a long line', () => {
  it('shows the part around the first mask', () => {
    const rule = `"RuleName":"fw-dmz-1/${CANARIES[5]!.value}"`;
    const line = `ERROR Failed batch data: ${'x'.repeat(1_000)}${rule}${'y'.repeat(500)}`;
    const verdict = noCanaryInLogs.evaluate(ctxOf(buildEvents([[1_000, logRecord(line)]])))!;
    expect(verdict.evidence[0]).toMatch(/^@1\.0s run stderr: …x+"RuleName":"fw-dmz-1\/\[canary:card-number\]"y+…$/);
  });
});
