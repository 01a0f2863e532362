/**
 * The same --seed gives the same fault decisions and verdict; the "timeout" and "error"
 * endings tear everything down like the others.
 */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../harness/errors.js';
import type { ScenarioResultFile } from '../../harness/result/result-schema.js';
import { getScenario } from '../../scenarios/index.js';
import { deadlineScenario, seededFlakyScenario } from './fixtures/reference-fixtures.js';
import { expectNothingLeft, trackedRun } from './helpers/tracked-run.js';

const uploadStatuses = (result: ScenarioResultFile): number[] =>
  result.requests.filter((r) => r.service === 'sentinel' && r.operation === 'Upload').map((r) => r.status);

describe('seeds', () => {
  it('the same --seed gives the same fault decisions and verdict; another seed does not', async () => {
    const first = await trackedRun(seededFlakyScenario, { seed: 7 });
    const second = await trackedRun(seededFlakyScenario, { seed: 7 });
    const other = await trackedRun(seededFlakyScenario, { seed: 8 });
    const a = uploadStatuses(first.result!);
    const b = uploadStatuses(second.result!);
    expect(a).toHaveLength(30);
    expect(a.filter((s) => s === 401).length).toBeGreaterThan(0);
    expect(a.filter((s) => s === 204).length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    expect(second.result!.verdict).toBe(first.result!.verdict);
    // Which expectations passed must match; their observed text may not (steady-state windows
    // and latencies are measurements of a live run, not decisions of the seed).
    expect(second.result!.expectations.map((e) => [e.name, e.passed])).toEqual(
      first.result!.expectations.map((e) => [e.name, e.passed]),
    );
    expect(uploadStatuses(other.result!)).not.toEqual(a);
    for (const run of [first, second, other]) await expectNothingLeft(run);
  });
});

describe('endings', () => {
  it('timeout: a run past its deadline is an error, and leaves nothing behind', async () => {
    const run = await trackedRun(deadlineScenario, { timeScale: 1 });
    expect(run.result!.verdict).toBe('error');
    expect(run.result!.error).toMatch(/Failed to wait for replay-failed to exit: still running after \d+ ms/);
    expect(run.pids.length).toBe(2);
    await expectNothingLeft(run);
  });

  it('error: a bad target option after the fakes started is a usage error, and leaves nothing behind', async () => {
    const run = await trackedRun(getScenario('rate-limit')!, { targetOptions: { recovery_timeout: 'soon' } });
    expect(run.error).toBeInstanceOf(UsageError);
    expect(String(run.error)).toContain('option recovery_timeout=soon must be a number');
    expect(run.ports.length).toBeGreaterThanOrEqual(5);
    await expectNothingLeft(run);
  });
});
