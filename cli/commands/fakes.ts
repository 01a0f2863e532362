/**
 * `s3-sentinel-chaos fakes [--json] [--seed N] [--time-scale N] [--s3-tls] [--help]` (`npm run fakes -- …`)
 *
 * Starts every fake on loopback and keeps them up until SIGINT or SIGTERM, then stops cleanly
 * (exit 0). With `--json` the FIRST stdout line is `{ endpoints, env, caCertPath }`.
 * Bad flags exit 2 with a message naming the flag.
 */
import { type StartedFakes, type StartFakesOptions, startFakes } from '../../fakes/index.js';

const USAGE = `Usage: s3-sentinel-chaos fakes [--json] [--seed N] [--time-scale N] [--s3-tls] [--help]
       (in this repository: npm run fakes -- [options])

Starts the S3, Key Vault, Sentinel (Logs Ingestion) and identity fakes on 127.0.0.1 and keeps
them running until SIGINT or SIGTERM.

  --json            print one JSON line { endpoints, env, caCertPath } first on stdout
  --seed N          run seed for probabilistic fault schedules and jitter (integer, default 1)
  --time-scale N    target time runs N times faster than wall time (number > 0, default 1)
  --s3-tls          serve S3 over https with the run's CA (default: plain http)
  --help            show this help
`;

class UsageError extends Error {}

interface CliArgs {
  readonly json: boolean;
  readonly help: boolean;
  readonly options: StartFakesOptions;
}

export function parseFakesCliArgs(argv: readonly string[]): CliArgs {
  let json = false;
  let help = false;
  let seed: number | undefined;
  let timeScale: number | undefined;
  let s3Tls = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`Failed to parse ${flag}: it needs a value.`);
      return v;
    };
    switch (flag) {
      case '--json':
        json = true;
        break;
      case '--help':
      case '-h':
        help = true;
        break;
      case '--s3-tls':
        s3Tls = true;
        break;
      case '--seed': {
        const raw = value();
        seed = Number(raw);
        if (!Number.isSafeInteger(seed)) throw new UsageError(`Failed to parse --seed: "${raw}" is not an integer.`);
        break;
      }
      case '--time-scale': {
        const raw = value();
        timeScale = Number(raw);
        if (!(timeScale > 0) || !Number.isFinite(timeScale))
          throw new UsageError(`Failed to parse --time-scale: "${raw}" is not a number > 0.`);
        break;
      }
      default:
        throw new UsageError(`Failed to parse the arguments: unknown flag ${flag}. Run with --help to list the flags.`);
    }
  }
  return {
    json,
    help,
    options: { ...(seed !== undefined && { seed }), ...(timeScale !== undefined && { timeScale }), s3Tls },
  };
}

function describe(fakes: StartedFakes): string {
  const e = fakes.endpoints;
  return [
    'Fakes running on 127.0.0.1 (Ctrl-C to stop):',
    `  s3         ${e.s3}`,
    `  keyVault   ${e.keyVault}`,
    `  sentinel   ${e.sentinel}`,
    `  identity   ${e.identity}  (IDENTITY_HEADER=${fakes.env.IDENTITY_HEADER})`,
    `  authority  ${e.authority}  (tenant adfs)`,
    `  control    ${e.control}`,
    `  CA cert    ${fakes.caCertPath}`,
    `  seed ${fakes.seed}, time scale ${fakes.timeScale}`,
    '',
    'Make S3 GetObject answer 503 SlowDown twice:',
    `  curl -s -X POST ${e.control}/__chaos/faults -H 'content-type: application/json' \\`,
    `    -d '{"target":{"service":"s3","operation":"GetObject"},` +
      `"effect":{"kind":"http_error","status":503},"schedule":{"kind":"first","count":2}}'`,
    `  curl -s ${e.control}/__chaos/journal/counts`,
    '',
    'Environment for a connector process:',
    ...Object.entries(fakes.env).map(([k, v]) => `  export ${k}=${v}`),
    '',
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseFakesCliArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const fakes = await startFakes(args.options);
  if (args.json) {
    process.stdout.write(
      `${JSON.stringify({ endpoints: fakes.endpoints, env: fakes.env, caCertPath: fakes.caCertPath })}\n`,
    );
  } else {
    process.stdout.write(describe(fakes));
  }
  // @note Listeners stay installed: a process-group signal often arrives twice (directly and relayed
  // by npm/tsx), and a second one without a listener would kill us before the cleanup finishes.
  await new Promise<void>((resolve) => {
    process.on('SIGINT', () => resolve());
    process.on('SIGTERM', () => resolve());
  });
  await fakes.stop();
  if (!args.json) process.stdout.write('Fakes stopped.\n');
  return 0;
}

/** Runs `fakes` until SIGINT/SIGTERM and returns the exit code (the caller exits at once: see bin.ts). */
export function runFakesCommand(argv: readonly string[]): Promise<number> {
  return main(argv).catch((error: unknown) => {
    process.stderr.write(
      `Failed to run the fakes: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  });
}
