import { describe, expect, it } from 'vitest';
import { parseGateArgs } from '../../cli/args/parse-gate-args.js';
import type { Scenario } from '../../harness/scenario/types.js';
import { parseShard, selectShard } from '../../reports/gate/shard.js';
import { resolveSuite } from '../../reports/gate-suite.js';
import { GateUsageError } from '../../reports/report-error.js';

describe('parseGateArgs', () => {
  it('takes the gate flags and passes every other flag through unchanged, in order', () => {
    const args = parseGateArgs([
      '--target',
      'reference',
      '--shard',
      '2/3',
      '--time-scale=20',
      '--scenarios=a,b',
      '--target-option',
      'failure_threshold=1000',
      '--concurrency',
      '1',
    ]);
    expect(args).toEqual({
      help: false,
      shard: { index: 2, count: 3 },
      scenarios: ['a', 'b'],
      concurrency: 1,
      runArgs: ['--target', 'reference', '--time-scale=20', '--target-option', 'failure_threshold=1000'],
    });
  });

  it('collects --merge directories up to the next flag', () => {
    expect(parseGateArgs(['--merge', 'shard-1', 'shard-2', '--out', 'merged'])).toEqual({
      help: false,
      merge: ['shard-1', 'shard-2'],
      runArgs: ['--out', 'merged'],
    });
  });

  it('takes --step-summary <file> with a run and with --merge', () => {
    expect(parseGateArgs(['--tag', 'quick', '--step-summary', '/tmp/summary.md']).stepSummary).toBe('/tmp/summary.md');
    expect(parseGateArgs(['--merge', 'a', 'b', '--step-summary=s.md'])).toMatchObject({
      merge: ['a', 'b'],
      stepSummary: 's.md',
    });
  });

  it.each([
    [['--shard', '0/2'], /--shard "0\/2"/],
    [['--shard', '3/2'], /1 ≤ i ≤ n/],
    [['--shard'], /--shard: it needs a value/],
    [['--scenarios', ','], /no scenario ids/],
    [['--concurrency', '0'], /--concurrency "0"/],
    [['--merge'], /--merge: no directories/],
    [['--step-summary'], /--step-summary: it needs a value/],
    [['--merge', 'a', '--shard', '1/2'], /cannot be used with --shard/],
  ])('rejects %j with a message naming the flag', (argv, message) => {
    expect(() => parseGateArgs(argv)).toThrow(GateUsageError);
    expect(() => parseGateArgs(argv)).toThrow(message);
  });
});

describe('shards', () => {
  const suite = [
    's3-flaky-network',
    'rate-limit',
    'auth-failure',
    'sentinel-latency',
    'keyvault-network',
    'sentinel-outage',
  ];

  it('deals the sorted suite round-robin, so shards are disjoint and cover the suite', () => {
    const one = selectShard(suite, parseShard('1/2'));
    const two = selectShard(suite, parseShard('2/2'));
    expect(one).toEqual(['auth-failure', 'rate-limit', 'sentinel-latency']);
    expect(two).toEqual(['keyvault-network', 's3-flaky-network', 'sentinel-outage']);
    for (const n of [1, 2, 3, 4, 7]) {
      const all = Array.from({ length: n }, (_, i) => selectShard(suite, { index: i + 1, count: n })).flat();
      expect(all.sort()).toEqual([...suite].sort());
    }
  });

  it('does not depend on the order the suite is listed in', () => {
    expect(selectShard([...suite].reverse(), { index: 2, count: 3 })).toEqual(
      selectShard(suite, { index: 2, count: 3 }),
    );
  });
});

describe('gate suite', () => {
  // Only id and tags are read.
  const scenario = (id: string, tags: Scenario['tags']): Scenario => ({ id, tags }) as unknown as Scenario;
  const all = [
    scenario('rate-limit', ['sentinel', 'quick']),
    scenario('s3-outage', ['s3']),
    scenario('baseline', ['quick']),
  ];

  it('is every registered scenario by default, sorted', () => {
    expect(resolveSuite(all, {})).toEqual(['baseline', 'rate-limit', 's3-outage']);
  });

  it('is the scenarios carrying any of the tags given', () => {
    expect(resolveSuite(all, { tags: ['quick'] })).toEqual(['baseline', 'rate-limit']);
    expect(resolveSuite(all, { tags: ['s3', 'sentinel'] })).toEqual(['rate-limit', 's3-outage']);
  });

  it('names an unknown tag, a tag nobody carries, and an unknown scenario', () => {
    expect(() => resolveSuite(all, { tags: ['quik'] })).toThrow(/unknown tag\(s\) quik\. Known tags: sentinel/);
    expect(() => resolveSuite(all, { tags: ['keyvault'] })).toThrow(/no scenario carries tag\(s\) keyvault/);
    expect(() => resolveSuite(all, { scenarios: ['nope'] })).toThrow(/unknown scenario\(s\) nope/);
  });

  it('parses --tag as a repeatable comma list and refuses it beside --scenarios', () => {
    expect(parseGateArgs(['--tag', 'quick,s3', '--tag=network']).tags).toEqual(['quick', 's3', 'network']);
    expect(() => parseGateArgs(['--tag', 'quick', '--scenarios', 'a'])).toThrow(/cannot be combined with --tag/);
  });
});
