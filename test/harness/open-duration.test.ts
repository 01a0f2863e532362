/**
 * open_duration on synthetic transitions: the breaker must stay OPEN for the recovery timeout
 * (within bounds) before each HALF_OPEN.
 */
import { describe, expect, it } from 'vitest';
import type { EvaluationContext } from '../../harness/expectations/evaluation-context.js';
import { evaluateExpectation } from '../../harness/expectations/registry.js';

type Interval = ReturnType<EvaluationContext['intervals']>[number];

function contextWith(intervals: Interval[]): EvaluationContext {
  return { intervals: () => intervals } as unknown as EvaluationContext;
}

const interval = (state: Interval['state'], startMs: number, endMs: number): Interval =>
  ({ state, startMs, endMs, evidence: `${state} line` }) as Interval;
const expectation = {
  kind: 'open_duration',
  breaker: 'azure-sentinel',
  minMs: 58_000,
  maxMs: 75_000,
  promise: 'breaker-half-open-after-timeout',
} as const;

describe('open_duration', () => {
  it('passes when each OPEN lasted the recovery timeout before HALF_OPEN', () => {
    const result = evaluateExpectation(
      expectation,
      contextWith([
        interval('CLOSED', 0, 10_000),
        interval('OPEN', 10_000, 71_000),
        interval('HALF_OPEN', 71_000, 72_000),
        interval('CLOSED', 72_000, 90_000),
      ]),
    );
    expect(result).toMatchObject({ passed: true, observed: 61_000, promise: 'breaker-half-open-after-timeout' });
  });

  it('fails naming the duration when HALF_OPEN came too early', () => {
    const result = evaluateExpectation(
      expectation,
      contextWith([
        interval('CLOSED', 0, 10_000),
        interval('OPEN', 10_000, 20_000),
        interval('HALF_OPEN', 20_000, 21_000),
        interval('CLOSED', 21_000, 90_000),
      ]),
    );
    expect(result).toMatchObject({
      passed: false,
      observed: 10_000,
      expected: '58000 ms ≤ OPEN ≤ 75000 ms, each time',
    });
    expect(result.evidence[0]).toMatch(/OPEN for 10000 ms/);
  });

  it('checks every re-open, and fails when the breaker never probed', () => {
    const twice = evaluateExpectation(
      expectation,
      contextWith([
        interval('OPEN', 0, 60_000),
        interval('HALF_OPEN', 60_000, 61_000),
        interval('OPEN', 61_000, 200_000),
        interval('HALF_OPEN', 200_000, 201_000),
      ]),
    );
    expect(twice).toMatchObject({ passed: false, observed: [60_000, 139_000] });
    const never = evaluateExpectation(
      expectation,
      contextWith([interval('CLOSED', 0, 10_000), interval('OPEN', 10_000, 300_000)]),
    );
    expect(never).toMatchObject({ passed: false, observed: 'azure-sentinel never went OPEN → HALF_OPEN' });
  });
});
