import { describe, expect, it } from 'vitest';
import { parseRunOptions } from '../../cli/args/parse-run-options.js';
import { UsageError } from '../../harness/errors.js';

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
    [['--target', 'python'], /--target python needs the connector checkout/],
    [['--shim', 'x'], /shims apply to --target python only/],
    [['--verbose=yes'], /--verbose: it takes no value/],
  ])('rejects %j with a UsageError naming the flag', (argv, message) => {
    expect(() => parseRunOptions(argv, {})).toThrow(UsageError);
    expect(() => parseRunOptions(argv, {})).toThrow(message);
  });
});
