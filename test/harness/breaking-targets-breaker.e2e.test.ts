/**
 * Every kind of expectation can fail (part 1: the breaker kinds). Each test runs a scenario
 * against a reference target configured to break one promise, and checks that the verdict is
 * `failed` and that the result names that expectation with the right expected and observed
 * values. Every run also proves the "fail" ending leaves nothing behind.
 */
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../scenarios/index.js';
import { expectationNamed, expectNothingLeft, trackedRun } from './helpers/tracked-run.js';

const authFailure = getScenario('auth-failure')!;

describe.concurrent('a target configured to break a breaker promise fails the run', () => {
  it('breaker_sequence: failure_threshold=1000 never opens', async () => {
    const run = await trackedRun(authFailure, { targetOptions: { failure_threshold: '1000' } });
    const result = run.result!;
    expect(result.error).toBeUndefined();
    expect(result.verdict).toBe('failed');
    expect(expectationNamed(result, 'breaker_sequence')).toMatchObject({
      passed: false,
      expected: 'CLOSED → OPEN → HALF_OPEN → CLOSED',
      observed: 'CLOSED',
      promise: 'breaker-opens-at-threshold',
    });
    // The lift step's trigger never held, so recovery cannot be measured either.
    expect(expectationNamed(result, 'recovery_time')).toMatchObject({
      passed: false,
      observed: 'step "restore-credentials" never ran (its trigger did not hold in time)',
    });
    expect(result.steps?.find((s) => s.name === 'restore-credentials')).toMatchObject({ outcome: 'timed_out' });
    await expectNothingLeft(run);
  });

  it('recovery_time: recovery_timeout=600 is not CLOSED within the runbook bound', async () => {
    const run = await trackedRun(authFailure, { targetOptions: { recovery_timeout: '600' } });
    const result = run.result!;
    expect(result.verdict).toBe('failed');
    const recovery = expectationNamed(result, 'recovery_time');
    expect(recovery).toMatchObject({
      passed: false,
      expected: '58000 ms ≤ t ≤ 75000 ms',
      promise: 'breaker-closes-after-successes',
    });
    expect(recovery.observed).toMatch(/^not CLOSED again by the end of the run \(.* after the step; breaker OPEN\)$/);
    await expectNothingLeft(run);
  });

  it('recovery_time: recovery_timeout=10 goes HALF_OPEN too early (below the bound)', async () => {
    const run = await trackedRun(authFailure, { targetOptions: { recovery_timeout: '10' } });
    const result = run.result!;
    expect(result.verdict).toBe('failed');
    const recovery = expectationNamed(result, 'recovery_time');
    expect(recovery).toMatchObject({ passed: false, expected: '58000 ms ≤ t ≤ 75000 ms' });
    expect(recovery.observed).toBeGreaterThanOrEqual(10_000);
    expect(recovery.observed).toBeLessThan(58_000);
    await expectNothingLeft(run);
  });
});
