/**
 * Every kind of expectation can fail (the operator's view). Each test runs the rate-limit
 * scenario against a reference target configured to break one operator promise, and checks that
 * the verdict is `failed` because of that expectation, with evidence, while the others held.
 */
import { describe, expect, it } from 'vitest';
import { getScenario } from '../../scenarios/index.js';
import { expectationNamed, expectNothingLeft, trackedRun } from './helpers/tracked-run.js';

const rateLimit = getScenario('rate-limit')!;
const OPERATOR_KINDS = [
  'alert_fires',
  'alerts_cleared',
  'rules_watch_real_series',
  'ready_reflects_breaker',
  'gauge_matches_disk',
];

async function runBroken(option: string) {
  const run = await trackedRun(rateLimit, { targetOptions: { [option]: 'true' } });
  const result = run.result!;
  expect(result.error).toBeUndefined();
  expect(result.verdict).toBe('failed');
  await expectNothingLeft(run);
  return result;
}

/**
 * Which operator kinds failed. The breaking option must fail its own kind; on a loaded machine a
 * slow recovery may fail others too (alerts still firing at the end), so only its own is required.
 */
const failedOperatorKinds = (result: Awaited<ReturnType<typeof runBroken>>): string[] =>
  result.expectations.filter((e) => OPERATOR_KINDS.includes(e.kind) && !e.passed).map((e) => e.kind);
/** The failed operator expectations with their evidence, as the assertion message. */
const why = (result: Awaited<ReturnType<typeof runBroken>>): string =>
  JSON.stringify(result.expectations.filter((e) => OPERATOR_KINDS.includes(e.kind) && !e.passed));

describe('a target configured to break an operator promise fails the run', () => {
  it('alert_fires: no_alert_rule ships no "Circuit breaker OPEN" alert', async () => {
    const result = await runBroken('no_alert_rule');
    const fires = expectationNamed(result, 'alert_fires');
    expect(fires).toMatchObject({
      passed: false,
      observed: '0 of 1 OPEN period(s) alerted',
      promise: 'alert-when-open',
    });
    expect(fires.evidence[0]).toMatch(/azure-sentinel OPEN → no alert naming azure-sentinel or sentinel fired/);
    expect(fires.evidence.at(-1)).toBe('alert rules evaluated: FailedBatchesWaiting');
    expect(failedOperatorKinds(result), why(result)).toContain('alert_fires');
    // The other alert still fires (and clears): the rule file is there, only the breaker alert is not.
    expect(result.operator?.alertRules.rules.map((r) => r.name)).toEqual(['FailedBatchesWaiting']);
  });

  it('rules_watch_real_series: misspelt_rule_metric watches s3_sentinel_circuit_breaker_sate', async () => {
    const result = await runBroken('misspelt_rule_metric');
    const watch = expectationNamed(result, 'rules_watch_real_series');
    expect(watch).toMatchObject({ passed: false, observed: '1 of 2 rule(s) watch a series the target never exposed' });
    expect(watch.evidence[0]).toMatch(
      /^alert CircuitBreakerOpen \(.*reference-alert-rules\.yml, group s3-sentinel-reference\)/,
    );
    expect(watch.evidence[0]).toMatch(/ watches s3_sentinel_circuit_breaker_sate: never exposed during the run$/);
    // A rule on a series that never exists can never fire: the When to Use line fails with it.
    expect(failedOperatorKinds(result), why(result)).toEqual(
      expect.arrayContaining(['alert_fires', 'rules_watch_real_series']),
    );
  });

  it('ready_reflects_breaker: ready_always_200 answers 200 while the breaker is OPEN', async () => {
    const result = await runBroken('ready_always_200');
    const ready = expectationNamed(result, 'ready_reflects_breaker');
    expect(ready).toMatchObject({ passed: false, promise: 'ready-reflects-breaker' });
    expect(ready.observed).toMatch(/^(\d+) of \1 \/ready sample\(s\) in OPEN answered 200$/);
    expect(ready.evidence.some((line) => /\/ready → 200 while azure-sentinel OPEN/.test(line))).toBe(true);
    expect(failedOperatorKinds(result), why(result)).toContain('ready_reflects_breaker');
    // The breaker's own gauge still said OPEN while /ready said ready: the evidence is in the series too.
    const gauge = result.operator?.series['s3_sentinel_circuit_breaker_state{breaker="azure-sentinel"}'] ?? [];
    expect(gauge.some(([, value]) => value === 1)).toBe(true);
  });

  it('gauge_matches_disk: gauge_wrong_dir counts the archive, not the waiting files', async () => {
    const result = await runBroken('gauge_wrong_dir');
    const gauge = expectationNamed(result, 'gauge_matches_disk');
    expect(gauge).toMatchObject({ passed: false, promise: 'failed-batch-gauge-truthful' });
    expect(gauge.evidence[0]).toMatch(/^@[\d.]+s s3_sentinel_failed_batch_files = 0, directory held [1-9]/);
    expect(failedOperatorKinds(result), why(result)).toContain('gauge_matches_disk');
  });
});
