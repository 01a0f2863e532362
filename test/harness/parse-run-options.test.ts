import { describe, expect, it, vi } from 'vitest';
import { parseRunOptions } from '../../cli/args/parse-run-options.js';
import { UsageError } from '../../harness/errors.js';
import { resolveTarget } from '../../harness/targets/index.js';

describe('parseRunOptions', () => {
  it('gives the defaults', () => {
    expect(parseRunOptions(['rate-limit'], {})).toEqual({
      options: {
        target: 'reference',
        targetOptions: {},
        shims: [],
        timeScale: 1,
        seed: 1,
        outDir: '.chaos/results',
        verbose: false,
      },
      positionals: ['rate-limit'],
      list: false,
      help: false,
      kinds: false,
    });
  });

  it('reads every option, in both --flag value and --flag=value forms', () => {
    const { options, positionals } = parseRunOptions(
      [
        '--',
        'rate-limit',
        '--target=python',
        '--connector',
        '/c',
        '--target-option',
        'failure_threshold=1000',
        '--target-option=recovery_timeout=600',
        '--shim',
        'a',
        '--time-scale',
        '10',
        '--seed=42',
        '--out',
        'o',
        '--verbose',
      ],
      {},
    );
    expect(positionals).toEqual(['rate-limit']);
    expect(options).toEqual({
      target: 'python',
      connectorDir: '/c',
      targetOptions: { failure_threshold: '1000', recovery_timeout: '600' },
      shims: ['a'],
      timeScale: 10,
      seed: 42,
      outDir: 'o',
      verbose: true,
    });
  });

  it('takes the connector from CONNECTOR_DIR', () => {
    expect(parseRunOptions(['x', '--target', 'python'], { CONNECTOR_DIR: '/env' }).options.connectorDir).toBe('/env');
  });

  it.each([
    [['--time-scale', '0'], /--time-scale "0": expected a number > 0/],
    [['--time-scale', 'fast'], /--time-scale "fast"/],
    [['--seed', '1.5'], /--seed "1.5": expected an integer/],
    [['--target', 'java'], /unknown target "java". Known targets: reference, python/],
    [['--target-option', 'nothing'], /--target-option "nothing": expected name=value/],
    [['--bogus'], /--bogus: unknown option/],
    [['--seed'], /--seed: it needs a value, e.g. --seed 42/],
    [['--verbose=yes'], /--verbose: it takes no value/],
  ])('rejects %j with a UsageError naming the flag', (argv, message) => {
    expect(() => parseRunOptions(argv, {})).toThrow(UsageError);
    expect(() => parseRunOptions(argv, {})).toThrow(message);
  });
});

describe('what a target needs is checked when the target is resolved', () => {
  it('python without a checkout, or shims on the reference target, are usage errors naming the fix', async () => {
    vi.stubEnv('CONNECTOR_DIR', '');
    await expect(resolveTarget('python', {})).rejects.toThrow(/no connector checkout given. Pass --connector <dir>/);
    vi.unstubAllEnvs();
    const reference = await resolveTarget('reference', {});
    expect(() => reference.describeShims(['x'])).toThrow(UsageError);
    expect(() => reference.describeShims(['x'])).toThrow(/applies to the python target only/);
    expect(reference.describeShims([])).toBeNull();
  });
});
