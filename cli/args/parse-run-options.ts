/**
 * Command line → RunOptions (CONTRACTS §6). Pure: no I/O beyond reading `env` for
 * CONNECTOR_DIR. Throws UsageError naming the bad flag and what to write instead.
 *
 * @example
 * parseRunOptions(['rate-limit', '--time-scale', '10'])
 * // { options: { timeScale: 10, … }, positionals: ['rate-limit'] }
 */
import { UsageError } from '../../harness/errors.js';
import { DEFAULT_OUT_DIR, type RunOptions } from '../../harness/run/run-options.js';
import { DEFAULT_TARGET, TARGET_NAMES } from '../../harness/targets/index.js';

export interface ParsedRunOptions {
  readonly options: RunOptions;
  readonly positionals: string[];
  /** `--list` was given. */
  readonly list: boolean;
  /** `--help` was given. */
  readonly help: boolean;
  /** `--kinds` was given: list the expectation kinds, conditions and step actions. */
  readonly kinds: boolean;
}

const VALUE_FLAGS = [
  '--target',
  '--connector',
  '--target-option',
  '--shim',
  '--time-scale',
  '--seed',
  '--out',
  '--alert-rules',
  '--scrape-interval',
  '--replicas',
] as const;
const BOOLEAN_FLAGS = ['--list', '--kinds', '--verbose', '--help', '-h'] as const;

export function parseRunOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
): ParsedRunOptions {
  const positionals: string[] = [];
  const targetOptions: Record<string, string> = {};
  const shims: string[] = [];
  let target: string = DEFAULT_TARGET;
  let connectorDir = env.CONNECTOR_DIR || undefined;
  let timeScale = 1;
  let seed = 1;
  let replicas: number | undefined;
  let outDir = DEFAULT_OUT_DIR;
  const alertRules: string[] = [];
  let scrapeIntervalMs: number | undefined;
  let verbose = false;
  let list = false;
  let help = false;
  let kinds = false;

  for (let i = 0; i < argv.length; i += 1) {
    const raw = argv[i];
    if (raw === '--') continue;
    if (!raw.startsWith('-')) {
      positionals.push(raw);
      continue;
    }
    const eq = raw.indexOf('=');
    const flag = raw.startsWith('--') && eq > 0 ? raw.slice(0, eq) : raw;
    if ((BOOLEAN_FLAGS as readonly string[]).includes(flag)) {
      if (flag !== raw) throw new UsageError(`Failed to parse ${flag}: it takes no value. Write ${flag} alone.`);
      if (flag === '--list') list = true;
      else if (flag === '--kinds') kinds = true;
      else if (flag === '--verbose') verbose = true;
      else help = true;
      continue;
    }
    if (!(VALUE_FLAGS as readonly string[]).includes(flag)) {
      const known = [...VALUE_FLAGS, '--list', '--kinds', '--verbose', '--help'].join(', ');
      throw new UsageError(`Failed to parse ${flag}: unknown option. Known options: ${known}.`);
    }
    let value: string | undefined;
    if (flag !== raw) value = raw.slice(eq + 1);
    else {
      value = argv[i + 1];
      if (value === undefined || (value.startsWith('--') && value.length > 2))
        throw new UsageError(`Failed to parse ${flag}: it needs a value, e.g. ${example(flag)}.`);
      i += 1;
    }
    switch (flag) {
      case '--target':
        if (!(TARGET_NAMES as readonly string[]).includes(value))
          throw new UsageError(
            `Failed to parse --target: unknown target "${value}". Known targets: ${TARGET_NAMES.join(', ')}.`,
          );
        target = value;
        break;
      case '--connector':
        if (value === '')
          throw new UsageError(
            'Failed to parse --connector: the directory is empty. ' +
              'Pass the connector checkout, e.g. --connector ../s3-sentinel-connector.',
          );
        connectorDir = value;
        break;
      case '--target-option': {
        const at = value.indexOf('=');
        if (at <= 0)
          throw new UsageError(
            `Failed to parse --target-option "${value}": ` +
              'expected name=value, e.g. --target-option failure_threshold=5.',
          );
        targetOptions[value.slice(0, at)] = value.slice(at + 1);
        break;
      }
      case '--shim':
        if (value === '') throw new UsageError('Failed to parse --shim: the name is empty.');
        shims.push(value);
        break;
      case '--time-scale': {
        const n = Number(value);
        if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1_000)
          throw new UsageError(
            `Failed to parse --time-scale "${value}": expected a number > 0 and ≤ 1000, e.g. --time-scale 10.`,
          );
        timeScale = n;
        break;
      }
      case '--seed': {
        const n = Number(value);
        if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n))
          throw new UsageError(`Failed to parse --seed "${value}": expected an integer, e.g. --seed 42.`);
        seed = n;
        break;
      }
      case '--replicas': {
        const n = Number(value);
        if (!/^\d+$/.test(value) || n < 1 || n > 16)
          throw new UsageError(
            `Failed to parse --replicas "${value}": expected a whole number 1–16, e.g. --replicas 2.`,
          );
        replicas = n;
        break;
      }
      case '--out':
        if (value === '') throw new UsageError('Failed to parse --out: the directory is empty.');
        outDir = value;
        break;
      case '--alert-rules':
        if (value === '')
          throw new UsageError(
            'Failed to parse --alert-rules: the path is empty. Pass a rule file or a directory of them.',
          );
        alertRules.push(value);
        break;
      case '--scrape-interval': {
        const n = Number(value);
        if (value.trim() === '' || !Number.isInteger(n) || n < 100 || n > 60_000)
          throw new UsageError(
            `Failed to parse --scrape-interval "${value}": expected whole target ms from 100 to 60000, ` +
              'e.g. --scrape-interval 1000.',
          );
        scrapeIntervalMs = n;
        break;
      }
    }
  }
  // What a target needs (a checkout, shims it knows) is the target's to check when it is resolved.
  return {
    options: {
      target,
      ...(connectorDir !== undefined ? { connectorDir } : {}),
      targetOptions,
      shims,
      ...(replicas !== undefined ? { replicas } : {}),
      timeScale,
      seed,
      outDir,
      verbose,
      ...(alertRules.length > 0 ? { alertRules } : {}),
      ...(scrapeIntervalMs !== undefined ? { scrapeIntervalMs } : {}),
    },
    positionals,
    list,
    help,
    kinds,
  };
}

function example(flag: string): string {
  switch (flag) {
    case '--target':
      return '--target reference';
    case '--connector':
      return '--connector ../s3-sentinel-connector';
    case '--target-option':
      return '--target-option failure_threshold=5';
    case '--shim':
      return '--shim NAME';
    case '--time-scale':
      return '--time-scale 10';
    case '--seed':
      return '--seed 42';
    case '--replicas':
      return '--replicas 2';
    default:
      return '--out .chaos/results';
  }
}
