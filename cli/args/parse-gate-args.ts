import { parseShard, type ShardSpec } from '../../reports/gate/shard.js';
import { GateUsageError } from '../../reports/report-error.js';

export interface GateArgs {
  readonly help: boolean;
  /** `--scenarios a,b,c`: replaces the default suite. */
  readonly scenarios?: readonly string[];
  /** `--tag a,b` (repeatable): the scenarios carrying any of these tags. */
  readonly tags?: readonly string[];
  readonly shard?: ShardSpec;
  /** `--merge <dir…>`: merge these shard out dirs instead of running anything. */
  readonly merge?: readonly string[];
  /** `--concurrency N`: at most N scenarios at once (parallel-safe targets only). */
  readonly concurrency?: number;
  /** `--step-summary <file>`: append the findings-first Markdown summary (e.g. `$GITHUB_STEP_SUMMARY`). */
  readonly stepSummary?: string;
  /** Everything else, for parseRunOptions (target, time scale, seed, out dir, target options…). */
  readonly runArgs: readonly string[];
}

const GATE_FLAGS = new Set(['--scenarios', '--tag', '--shard', '--concurrency', '--step-summary']);

/**
 * Splits `npm run gate` arguments into the gate's own flags and the run flags it passes on
 * unchanged to parseRunOptions, so the gate accepts exactly what `npm run scenario` accepts.
 * Both `--flag value` and `--flag=value` work.
 * @example parseGateArgs(['--shard', '1/2', '--time-scale', '20'])
 */
export function parseGateArgs(argv: readonly string[]): GateArgs {
  let help = false;
  let scenarios: string[] | undefined;
  let tags: string[] | undefined;
  let shard: ShardSpec | undefined;
  let merge: string[] | undefined;
  let concurrency: number | undefined;
  let stepSummary: string | undefined;
  const runArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (arg === '--merge') {
      merge ??= [];
      while (i + 1 < argv.length && !argv[i + 1].startsWith('-')) merge.push(argv[++i]);
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!GATE_FLAGS.has(flag)) {
      runArgs.push(arg);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '')
      throw new GateUsageError(`Failed to parse ${flag}: it needs a value. See npm run gate -- --help.`);
    if (flag === '--scenarios') {
      scenarios = value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (scenarios.length === 0)
        throw new GateUsageError('Failed to parse --scenarios: no scenario ids given. Use --scenarios a,b,c.');
    } else if (flag === '--tag') {
      tags = [...(tags ?? []), ...value.split(',').map((s) => s.trim())].filter(Boolean);
      if (tags.length === 0) throw new GateUsageError('Failed to parse --tag: no tag given. Use --tag quick.');
    } else if (flag === '--shard') {
      shard = parseShard(value);
    } else if (flag === '--step-summary') {
      stepSummary = value;
    } else {
      concurrency = Number(value);
      if (!Number.isInteger(concurrency) || concurrency < 1)
        throw new GateUsageError(`Failed to parse --concurrency "${value}": expected a whole number ≥ 1.`);
    }
  }
  if (merge !== undefined && merge.length === 0)
    throw new GateUsageError('Failed to parse --merge: no directories given. Use --merge shard-1 shard-2.');
  if (scenarios && tags)
    throw new GateUsageError(
      'Failed to parse arguments: --scenarios names the suite exactly and cannot be combined with --tag. Use one.',
    );
  if (merge !== undefined && (shard || scenarios || tags))
    throw new GateUsageError(
      'Failed to parse arguments: --merge combines finished shard outputs ' +
        'and cannot be used with --shard, --scenarios or --tag.',
    );
  return {
    help,
    runArgs,
    ...(scenarios ? { scenarios } : {}),
    ...(tags ? { tags } : {}),
    ...(shard ? { shard } : {}),
    ...(merge ? { merge } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(stepSummary !== undefined ? { stepSummary } : {}),
  };
}
