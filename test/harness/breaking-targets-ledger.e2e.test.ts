/**
 * Every kind of expectation can fail (part 3: ledger, failed batches, target alive, cached
 * secret, impossible transitions).
 */
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../scenarios/index.js';
import { halfOpenReopenScenario, keyVaultCacheScenario, quietScenario } from './fixtures/reference-fixtures.js';
import { expectationNamed, expectNothingLeft, trackedRun } from './helpers/tracked-run.js';

describe.concurrent('a target configured to break a promise fails the run', () => {
  it('ledger and failed_batches_written: drop_failed_batches=true loses records', async () => {
    const run = await trackedRun(getScenario('auth-failure')!, { targetOptions: { drop_failed_batches: 'true' } });
    const result = run.result!;
    expect(result.verdict).toBe('failed');
    expect(expectationNamed(result, 'failed_batches_written')).toMatchObject({
      passed: false,
      expected: '≥ 1 file(s)',
      observed: 0,
      promise: 'failed-batches-kept',
    });
    const ledger = expectationNamed(result, 'ledger', 'lost');
    expect(ledger).toMatchObject({ passed: false, expected: { lost: '≤ 0' }, promise: 'replay-nothing-lost' });
    expect((ledger.observed as { lost: number }).lost).toBeGreaterThan(0);
    expect(result.ledger.lost).toBe((ledger.observed as { lost: number }).lost);
    expect(result.ledger.lostIds.length).toBeGreaterThan(0);
    await expectNothingLeft(run);
  });

  it('no_impossible_transitions: real_reopen_wording logs a re-open from HALF_OPEN as CLOSED → OPEN', async () => {
    const run = await trackedRun(halfOpenReopenScenario, { targetOptions: { real_reopen_wording: 'true' } });
    const result = run.result!;
    expect(result.verdict).toBe('failed');
    const impossible = expectationNamed(result, 'no_impossible_transitions');
    expect(impossible).toMatchObject({ passed: false, expected: 0 });
    expect(impossible.observed).toBeGreaterThanOrEqual(1);
    expect(impossible.evidence[0]).toMatch(/was HALF_OPEN, log says CLOSED → OPEN/);
    expect(result.transitions.some((t) => !t.consistent)).toBe(true);
    await expectNothingLeft(run);
  });

  it('secret_served_from_cache: passes while Key Vault is down, fails when nothing forced the cache', async () => {
    const down = await trackedRun(keyVaultCacheScenario(true));
    expect(expectationNamed(down.result!, 'secret_served_from_cache')).toMatchObject({ passed: true });
    const healthy = await trackedRun(keyVaultCacheScenario(false));
    expect(healthy.result!.verdict).toBe('failed');
    expect(expectationNamed(healthy.result!, 'secret_served_from_cache')).toMatchObject({
      passed: false,
      expected: '≥ 1 cached secret served while OPEN',
      observed: 0,
    });
    await expectNothingLeft(down);
    await expectNothingLeft(healthy);
  });

  it('target_alive: a target killed under the run is reported', async () => {
    let runPid = 0;
    const run = await trackedRun(quietScenario, {
      onEvent: (event) => {
        if (event.type === 'target:launched' && event.command === 'run') runPid = event.pid;
        // Killed from outside, 200 ms after it became ready: a crash, as far as the run knows.
        if (event.type === 'target:ready') setTimeout(() => process.kill(runPid, 'SIGKILL'), 200);
      },
    });
    const result = run.result!;
    expect(result.verdict).toBe('failed');
    const alive = expectationNamed(result, 'target_alive');
    expect(alive.passed).toBe(false);
    expect(alive.observed).toMatch(/^1 unexpected exit\(s\)/);
    await expectNothingLeft(run);
  });
});
