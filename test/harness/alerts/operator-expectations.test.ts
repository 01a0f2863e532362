/**
 * The operator's-view kinds on synthetic events: each passes on a truthful run and fails, naming
 * why, on a lying one.
 */
import { describe, expect, it } from 'vitest';
import type { AlertEpisode, AlertEvaluation, AlertRule } from '../../../harness/domain/alerts.js';
import { createEvaluationContext } from '../../../harness/expectations/index.js';
import { evaluateExpectation } from '../../../harness/expectations/registry.js';
import { computeLedger } from '../../../harness/ledger/compute-ledger.js';
import type { RunEvent, RunEventPayload } from '../../../harness/observe/events.js';
import type { Expectation } from '../../../harness/scenario/types.js';
import { buildEvents, fileCreated, launched, transition } from '../helpers/synthetic-events.js';

const B = 'azure-sentinel';
const evaluate = (e: Expectation, events: RunEvent[]) =>
  evaluateExpectation(e, createEvaluationContext(events, computeLedger(events)));

const rule = (name: string, expr: string, metrics: string[], forMs = 0): AlertRule => ({
  source: 'rules.yml',
  group: 'g',
  kind: 'alert',
  name,
  expr,
  forMs,
  labels: {},
  annotations: {},
  metrics,
});
const episode = (
  alertname: string,
  labels: Record<string, string>,
  pendingAtMs: number,
  firingAtMs: number | null,
  endedAtMs: number | null,
): AlertEpisode => ({
  alertname,
  labels: { alertname, ...labels },
  pendingAtMs,
  firingAtMs,
  endedAtMs,
});
const evaluated = (
  rules: AlertRule[],
  episodes: AlertEpisode[],
  exposedMetrics: string[] = ['s3_sentinel_circuit_breaker_state', 'up'],
): RunEventPayload => {
  const evaluation: AlertEvaluation = {
    sources: [{ path: 'rules.yml', origin: 'rule file', ruleFile: '/tmp/01-rules.yml' }],
    rules,
    intervalMs: 1_000,
    lastEvaluationMs: 100_000,
    episodes,
    exposedMetrics,
    wallMs: 10,
  };
  return { type: 'alerts:evaluated', evaluation };
};
const prepared: RunEventPayload = {
  type: 'target:prepared',
  target: 'reference',
  schema: { name: 'x', columns: [] } as never,
  breakerConfig: {} as never,
  pollIntervalMs: 1_000,
  breakerServices: { sentinel: B },
};
const probe = (ready: number, metrics: Record<string, number> = {}): RunEventPayload => ({
  type: 'probe:sampled',
  health: 200,
  ready,
  metrics,
  scraped: true,
});
const breakerRule = rule('CircuitBreakerOpen', 's3_sentinel_circuit_breaker_state == 1', [
  's3_sentinel_circuit_breaker_state',
]);

/** OPEN from 10 s to 70 s. */
const outage = (...extra: [number, RunEventPayload][]): RunEvent[] =>
  buildEvents(
    [
      [0, launched()] as [number, RunEventPayload],
      [0, prepared] as [number, RunEventPayload],
      [10_000, transition(B, 'CLOSED', 'OPEN')] as [number, RunEventPayload],
      [70_000, transition(B, 'OPEN', 'HALF_OPEN')] as [number, RunEventPayload],
      [72_000, transition(B, 'HALF_OPEN', 'CLOSED')] as [number, RunEventPayload],
      ...extra,
    ].sort((a, b) => a[0] - b[0]),
  );

describe('alert_fires', () => {
  const spec: Expectation = { kind: 'alert_fires', breaker: B };
  it('passes when an alert labelled with the breaker fires within for + 2 scrapes of OPEN', () => {
    const r = evaluate(
      spec,
      outage([
        101_000,
        evaluated([breakerRule], [episode('CircuitBreakerOpen', { breaker: B }, 11_000, 11_000, 72_000)]),
      ]),
    );
    expect(r.passed).toBe(true);
    expect(r.evidence[0]).toMatch(
      /OPEN → CircuitBreakerOpen\{breaker="azure-sentinel"\} pending @11\.0s, firing @11\.0s/,
    );
  });
  it('fails when only alerts that do not name the breaker fired, listing them', () => {
    const r = evaluate(
      spec,
      outage([
        101_000,
        evaluated([rule('Other', 'up == 0', ['up'])], [episode('Other', { job: 'x' }, 11_000, 11_000, null)]),
      ]),
    );
    expect(r.passed).toBe(false);
    expect(r.observed).toBe('0 of 1 OPEN period(s) alerted');
    expect(r.evidence[0]).toMatch(/no alert naming azure-sentinel or sentinel fired; active then: Other/);
  });
  it('fails when the alert fires later than its bound', () => {
    const r = evaluate(
      spec,
      outage([
        101_000,
        evaluated([breakerRule], [episode('CircuitBreakerOpen', { breaker: B }, 11_000, 40_000, 72_000)]),
      ]),
    );
    expect(r.passed).toBe(false);
  });
  it('fails, saying so, when no rules were loaded', () => {
    const r = evaluate(spec, outage());
    expect(r).toMatchObject({ passed: false, observed: 'no alert rules were loaded' });
  });
});

describe('alerts_cleared', () => {
  it('passes when every fired alert ended, fails listing one still firing', () => {
    const ok = evaluate(
      { kind: 'alerts_cleared' },
      outage([
        101_000,
        evaluated([breakerRule], [episode('CircuitBreakerOpen', { breaker: B }, 11_000, 11_000, 72_000)]),
      ]),
    );
    expect(ok).toMatchObject({ passed: true, observed: 'no alert firing @100.0s (1 fired and cleared)' });
    const bad = evaluate(
      { kind: 'alerts_cleared' },
      outage([
        101_000,
        evaluated([breakerRule], [episode('CircuitBreakerOpen', { breaker: B }, 11_000, 11_000, null)]),
      ]),
    );
    expect(bad.passed).toBe(false);
    expect(bad.evidence[0]).toMatch(/^still firing: CircuitBreakerOpen/);
  });
});

describe('rules_watch_real_series', () => {
  it('lists each rule and metric the target never exposed', () => {
    const misspelt = rule('CircuitBreakerOpen', 's3_sentinel_circuit_breaker_sate == 1', [
      's3_sentinel_circuit_breaker_sate',
    ]);
    const r = evaluate({ kind: 'rules_watch_real_series' }, outage([101_000, evaluated([misspelt, breakerRule], [])]));
    expect(r.passed).toBe(false);
    expect(r.observed).toBe('1 of 2 rule(s) watch a series the target never exposed');
    expect(r.evidence[0]).toMatch(
      /alert CircuitBreakerOpen \(rules\.yml, group g\) watches s3_sentinel_circuit_breaker_sate: never exposed/,
    );
    const ok = evaluate({ kind: 'rules_watch_real_series' }, outage([101_000, evaluated([breakerRule], [])]));
    expect(ok.passed).toBe(true);
  });
});

describe('ready_reflects_breaker', () => {
  const spec: Expectation = { kind: 'ready_reflects_breaker', breaker: B };
  it('passes when /ready answers 503 past the grace, fails on 200 while OPEN', () => {
    expect(evaluate(spec, outage([12_000, probe(200)], [20_000, probe(503)], [80_000, probe(200)])).passed).toBe(true);
    const lie = evaluate(spec, outage([20_000, probe(200)], [30_000, probe(200)]));
    expect(lie).toMatchObject({ passed: false, observed: '2 of 2 /ready sample(s) in OPEN answered 200' });
    expect(lie.evidence).toContain('@20.0s /ready → 200 while azure-sentinel OPEN');
  });
  it('fails when nothing was judged, and passes with its reason when turned off', () => {
    expect(evaluate(spec, outage()).passed).toBe(false);
    const off = evaluate(
      { ...spec, off: 'the runbook keeps the pod in service' } as Expectation,
      outage([20_000, probe(200)]),
    );
    expect(off).toMatchObject({
      passed: true,
      observed: 'turned off by the scenario: the runbook keeps the pod in service',
    });
  });
});

describe('gauge_matches_disk', () => {
  const g = 's3_sentinel_failed_batch_files';
  it('passes when the gauge follows the directory within a scrape, fails when it counts something else', () => {
    const files: [number, RunEventPayload][] = [
      [15_000, fileCreated('a.json', '1')],
      [16_000, fileCreated('b.json', '2')],
    ];
    const ok = evaluate(
      { kind: 'gauge_matches_disk' },
      outage(...files, [15_500, probe(503, { [g]: 1 })], [20_000, probe(503, { [g]: 2 })]),
    );
    expect(ok.passed).toBe(true);
    const bad = evaluate({ kind: 'gauge_matches_disk' }, outage(...files, [20_000, probe(503, { [g]: 0 })]));
    expect(bad).toMatchObject({ passed: false });
    expect(bad.evidence).toEqual([`@20.0s ${g} = 0, directory held 2`]);
  });
  it('says so when the target exposes no such gauge', () => {
    expect(evaluate({ kind: 'gauge_matches_disk' }, outage([20_000, probe(200)])).observed).toMatch(/exposes no/);
  });
});
