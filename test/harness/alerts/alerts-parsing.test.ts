/**
 * The pure pieces of the operator's view: exposition parsing, input series, promtool output,
 * episodes, PromQL names.
 */
import { describe, expect, it } from 'vitest';
import { toEpisodes } from '../../../harness/alerts/evaluate-alerts.js';
import { buildInputSeries, compact } from '../../../harness/alerts/input-series.js';
import { readRuleGroups } from '../../../harness/alerts/load-alert-rules.js';
import { formatPrometheusDuration, parsePrometheusDurationMs } from '../../../harness/alerts/prometheus-duration.js';
import { parseGoDurationMs, readPromtoolFailures } from '../../../harness/alerts/read-promtool-samples.js';
import { ruleMetrics } from '../../../harness/alerts/rule-metrics.js';
import { parseExposition } from '../../../harness/observe/parse-exposition.js';

describe('parseExposition', () => {
  it('flattens families into PromQL series keys, histograms into _bucket/_sum/_count', () => {
    const body = [
      '# HELP s3_sentinel_circuit_breaker_state Breaker state',
      '# TYPE s3_sentinel_circuit_breaker_state gauge',
      's3_sentinel_circuit_breaker_state{breaker="azure-sentinel",a="z"} 1',
      '# TYPE s3_sentinel_pipeline_cycles_total counter',
      's3_sentinel_pipeline_cycles_total 3.0',
      '# TYPE lat histogram',
      'lat_bucket{le="1"} 2',
      'lat_bucket{le="+Inf"} 3',
      'lat_sum 4',
      'lat_count 3',
      '',
    ].join('\n');
    expect(parseExposition(body)).toEqual({
      problem: null,
      samples: {
        's3_sentinel_circuit_breaker_state{a="z",breaker="azure-sentinel"}': 1,
        s3_sentinel_pipeline_cycles_total: 3,
        'lat_bucket{le="1"}': 2,
        'lat_bucket{le="+Inf"}': 3,
        lat_sum: 4,
        lat_count: 3,
      },
    });
  });

  it('keeps escaped label values intact', () => {
    const { samples } = parseExposition('g{path="C:\\\\dir",msg="say \\"hi\\""} 1\n');
    expect(Object.keys(samples)).toEqual(['g{msg="say \\"hi\\"",path="C:\\\\dir"}']);
  });
});

describe('buildInputSeries', () => {
  it('slots scrapes by target time, marks vanished series stale, a down target up=0, no scrape _', () => {
    const { input, slots, exposedMetrics } = buildInputSeries(
      [
        { atMs: 10, scraped: true, metrics: { a: 1, b: 5 } },
        { atMs: 990, scraped: true, metrics: { a: 1 } },
        { atMs: 2_020, scraped: false, metrics: {} },
        { atMs: 4_000, scraped: true, metrics: { a: 2, b: 5 } },
      ],
      1_000,
    );
    expect(slots).toBe(5);
    expect(input).toEqual([
      { series: 'up', values: '1+0x1 0 _ 1' },
      { series: 'a', values: '1+0x1 stale _ 2' },
      { series: 'b', values: '5 stale stale _ 5' },
    ]);
    expect(exposedMetrics).toEqual(['a', 'b', 'up']);
  });

  it('compacts runs of numbers and gaps, not stale markers', () => {
    expect(compact(['0', '0', '0', '_', '_', 'stale', 'stale', '-1', '-1'])).toBe('0+0x2 _x2 stale stale -1+0x1');
  });
});

describe('promtool output', () => {
  it('reads the alerts each failing evaluation got, quoted commas and braces included', () => {
    const output = [
      'Processing test file: /tmp/t.yml',
      '  FAILED:',
      '    expr: "ALERTS", time: 1m30s,',
      '        exp: nil',
      '        got: {__name__="ALERTS", alertname="CircuitBreakerOpen", alertstate="firing", ' +
        'breaker="azure-sentinel"} 1E+00, {__name__="ALERTS", alertname="X", alertstate="pending", note="a, b}"} 1E+00',
      '',
      '    expr: "ALERTS", time: 1.5s,',
      '        exp: nil',
      '        got: {__name__="ALERTS", alertname="X", alertstate="pending"} 1E+00',
    ].join('\n');
    expect(readPromtoolFailures(output)).toEqual([
      {
        atMs: 90_000,
        samples: [
          { __name__: 'ALERTS', alertname: 'CircuitBreakerOpen', alertstate: 'firing', breaker: 'azure-sentinel' },
          { __name__: 'ALERTS', alertname: 'X', alertstate: 'pending', note: 'a, b}' },
        ],
      },
      { atMs: 1_500, samples: [{ __name__: 'ALERTS', alertname: 'X', alertstate: 'pending' }] },
    ]);
    expect(parseGoDurationMs('1h2m3.5s')).toBe(3_723_500);
    expect(parseGoDurationMs('0s')).toBe(0);
  });

  it('turns per-evaluation alerts into episodes: pending, firing, ended', () => {
    const a = (state: string) => ({ __name__: 'ALERTS', alertname: 'A', alertstate: state, breaker: 'b' });
    const episodes = toEpisodes(
      [
        { atMs: 1_000, samples: [a('pending')] },
        { atMs: 2_000, samples: [a('firing')] },
        { atMs: 3_000, samples: [a('firing')] },
        { atMs: 5_000, samples: [a('pending')] },
      ],
      [0, 1_000, 2_000, 3_000, 4_000, 5_000],
    );
    expect(episodes).toEqual([
      {
        alertname: 'A',
        labels: { alertname: 'A', breaker: 'b' },
        pendingAtMs: 1_000,
        firingAtMs: 2_000,
        endedAtMs: 4_000,
      },
      {
        alertname: 'A',
        labels: { alertname: 'A', breaker: 'b' },
        pendingAtMs: 5_000,
        firingAtMs: null,
        endedAtMs: null,
      },
    ]);
  });
});

describe('rules', () => {
  it('names the metrics an expression selects with the PromQL grammar', () => {
    expect(
      ruleMetrics('histogram_quantile(0.95, sum(rate(lat_bucket{a="b"}[5m])) by (le)) > 180 and on() {__name__="x"}'),
    ).toEqual(['lat_bucket', 'x']);
    expect(ruleMetrics('label_replace(up, "a", "$1", "b", "(.*)") == 0')).toEqual(['up']);
  });

  it('reads plain rule files and PrometheusRule spec.groups; leaves other YAML alone in a folder', () => {
    const manifest =
      'kind: ServiceMonitor\n---\nkind: PrometheusRule\nmetadata: {name: r}\n' +
      'spec:\n  groups:\n  - name: g\n    rules: []\n';
    expect(readRuleGroups('m.yaml', manifest, false)).toEqual([
      { origin: 'PrometheusRule r', groups: [{ name: 'g', rules: [] }] },
    ]);
    expect(readRuleGroups('p.yml', 'groups:\n- name: g\n  rules: []\n', true)[0].origin).toBe('rule file');
    expect(readRuleGroups('roles.yml', 'groups: [admins, readers]\n', false)).toEqual([]);
    expect(() => readRuleGroups('x.yml', 'name: x\n', true)).toThrow(/x\.yml: it holds neither/);
    expect(() => readRuleGroups('bad.yml', 'groups:\n  - name: [\n', true)).toThrow(
      /bad\.yml: the YAML does not parse/,
    );
  });

  it('reads and writes Prometheus durations', () => {
    expect(parsePrometheusDurationMs('1h30m')).toBe(5_400_000);
    expect(parsePrometheusDurationMs('10m')).toBe(600_000);
    expect(parsePrometheusDurationMs('500ms')).toBe(500);
    expect(parsePrometheusDurationMs('m5')).toBeNull();
    expect(formatPrometheusDuration(90_500)).toBe('1m30s500ms');
  });
});
