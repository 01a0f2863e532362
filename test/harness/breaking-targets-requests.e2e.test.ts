/**
 * Every kind of expectation can fail (part 2: request expectations). See
 * breaking-targets-breaker.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../scenarios/index.js';
import { expectationNamed, expectNothingLeft, trackedRun } from './helpers/tracked-run.js';

const rateLimit = getScenario('rate-limit')!;
const authFailure = getScenario('auth-failure')!;

describe.concurrent('a target configured to break a request promise fails the run', () => {
  it('half_open_probes: success_threshold=5 lets more than 3 uploads through HALF_OPEN', async () => {
    const run = await trackedRun(authFailure, { targetOptions: { success_threshold: '5', half_open_max_calls: '10' } });
    const result = run.result!;
    expect(result.verdict).toBe('failed');
    const halfOpen = expectationNamed(result, 'half_open_probes');
    expect(halfOpen).toMatchObject({ passed: false, promise: 'breaker-half-open-call-limit' });
    expect(halfOpen.evidence.join('\n')).toMatch(/HALF_OPEN/);
    await expectNothingLeft(run);
  });

  it('retry_spacing: batch_size=1 sends the next upload right after a 429', async () => {
    const run = await trackedRun(rateLimit, { targetOptions: { batch_size: '1' } });
    const result = run.result!;
    expect(result.verdict).toBe('failed');
    const spacing = expectationNamed(result, 'retry_spacing');
    expect(spacing).toMatchObject({
      passed: false,
      expected: 'every gap ≥ 900 ms',
      promise: 'rate-limit-retry-after',
    });
    expect(spacing.observed).toMatch(/^min gap \d+ ms over \d+ gap\(s\); [1-9]\d* below the bound$/);
    await expectNothingLeft(run);
  });
});
