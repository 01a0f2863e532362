/**
 * `--target-option k=v` and `--shim NAME` for the python target. Option names match the
 * reference target's where the meaning is the same (`batch_size`, `secret_refresh_ms`, breaker
 * fields), so one scenario drives both. Anything that changes the connector's own behaviour is
 * a named shim the user must ask for: a breaker field without `--shim breaker-config` is an
 * error, never a silent change.
 */
import { NotApplicableError, UsageError } from '../../errors.js';
import { TEST_FAULTS } from '../reference/faults-for-testing.js';
import { type BreakerConfig, RUNBOOK_BREAKER_DEFAULTS } from '../target.js';

export const PYTHON_SHIMS = {
  'upload-adapter':
    "adapts the router's 4-positional LogsIngestionClient.upload(rule, stream, gzipped bytes, content type) " +
    "call to the SDK's upload(rule, stream, logs) (connector-contract §1.5/§1.6)",
  'failed-batches-dir':
    '--failed-batches-dir also reaches the router, which otherwise always writes to ./failed_batches (§2.4)',
  'breaker-config':
    "breaker target options and the scenario's breaker configuration (failure_threshold, recovery_timeout, …; " +
    'kv_* for azure-key-vault) override the CircuitBreakerConfig the connector constructs (§1.6 item 2)',
  'keyvault-driver':
    "a driver thread calls the connector's own CredentialManager.get_credential every secret_refresh_ms, " +
    'so the azure-key-vault breaker is exercised; the CLI itself never reads Key Vault (§1.5)',
} as const;
export type PythonShim = keyof typeof PYTHON_SHIMS;

const BREAKER_FIELDS = Object.keys(RUNBOOK_BREAKER_DEFAULTS) as (keyof BreakerConfig)[];
/** Shims that are drivers (they call the connector from outside its entry point), not code adaptations. */
export const PYTHON_DRIVERS: readonly PythonShim[] = ['keyvault-driver'];

export const PYTHON_OPTION_DESCRIPTIONS: Readonly<Record<string, string>> = {
  batch_size:
    'aws.batch_size: S3 objects per route_logs call, i.e. per breaker call here (whole number >= 1; default 1)',
  aws_batch_size: 'alias of batch_size',
  rate_limit: 'aws.rate_limit: S3 requests per second (> 0; connector default 10)',
  max_retries: 'aws.max_retries: botocore retries (whole number >= 0; connector default 3)',
  poll_interval_s: "run's --poll-interval in target seconds (> 0; default: the scenario's poll interval)",
  failed_batches_dir:
    'absolute path given to --failed-batches-dir (default <workDir>/configured-failed-batches, outside the cwd); ' +
    'the router only follows it with --shim failed-batches-dir',
  secret_refresh_ms:
    "target ms between Key Vault reads through the connector's CredentialManager (> 0); " +
    'applied only with --shim keyvault-driver, ignored (and said so) without it',
  ...Object.fromEntries(
    BREAKER_FIELDS.map((f) => [f, `azure-sentinel CircuitBreakerConfig.${f} (needs --shim breaker-config)`]),
  ),
  ...Object.fromEntries(
    BREAKER_FIELDS.map((f) => [`kv_${f}`, `azure-key-vault CircuitBreakerConfig.${f} (needs --shim breaker-config)`]),
  ),
};

export interface PythonTargetOptions {
  readonly shims: readonly PythonShim[];
  readonly awsBatchSize: number;
  readonly rateLimit: number | undefined;
  readonly maxRetries: number | undefined;
  readonly pollIntervalS: number | undefined;
  readonly secretRefreshMs: number | undefined;
  /** `--failed-batches-dir` value when the user chose one (absolute). */
  readonly failedBatchesDir: string | undefined;
  /** `k=v` for the driver's --breaker-override (k possibly `kv_`-prefixed). */
  readonly breakerOverrides: Readonly<Record<string, number>>;
  /** What the scenario's expectations should assume for azure-sentinel. */
  readonly breakerConfig: BreakerConfig;
}

function fail(message: string): never {
  const names = Object.keys(PYTHON_OPTION_DESCRIPTIONS).join(', ');
  const shims = Object.keys(PYTHON_SHIMS).join(', ');
  throw new UsageError(
    `Failed to configure target "python": ${message}. Valid --target-option names: ${names}; shims: ${shims}.`,
  );
}

function toNumber(name: string, text: string, rule: { integer: boolean; min: number; exclusive: boolean }): number {
  const value = Number(text);
  const tooLow = rule.exclusive ? value <= rule.min : value < rule.min;
  if (text.trim() === '' || !Number.isFinite(value) || tooLow || (rule.integer && !Number.isInteger(value))) {
    const kind = rule.integer ? 'whole ' : '';
    fail(`option ${name}=${text} must be a ${kind}number ${rule.exclusive ? '>' : '>='} ${rule.min}`);
  }
  return value;
}

/**
 * @example parsePythonTargetOptions({ batch_size: '1', recovery_timeout: '10' }, ['breaker-config'])
 */
export function parsePythonTargetOptions(
  options: Readonly<Record<string, string>>,
  shimNames: readonly string[],
  underTest: BreakerConfig = RUNBOOK_BREAKER_DEFAULTS,
): PythonTargetOptions {
  for (const shim of shimNames) if (!(shim in PYTHON_SHIMS)) fail(`unknown shim "${shim}"`);
  const shims = [...new Set(shimNames)] as PythonShim[];
  const changed = BREAKER_FIELDS.filter((f) => underTest[f] !== RUNBOOK_BREAKER_DEFAULTS[f]);
  if (changed.length > 0 && !shims.includes('breaker-config')) {
    const wanted = changed.map((f) => `${f}=${underTest[f]}`).join(', ');
    throw new NotApplicableError(
      `Failed to apply the scenario's breaker configuration (${wanted}) to the python target: the connector ` +
        'sets CircuitBreakerConfig in code (runbook Step 4 Option B) and its CLI has no setting for it. ' +
        'Add --shim breaker-config to apply it at import time (the result declares it), or leave this scenario out.',
    );
  }
  let awsBatchSize = 1;
  let rateLimit: number | undefined;
  let maxRetries: number | undefined;
  let pollIntervalS: number | undefined;
  let secretRefreshMs: number | undefined;
  let failedBatchesDir: string | undefined;
  // The scenario's configuration first, for both breakers; `--target-option` values override it.
  const breakerOverrides: Record<string, number> = Object.fromEntries(
    changed.flatMap((f) => [
      [f, underTest[f]],
      [`kv_${f}`, underTest[f]],
    ]),
  );
  for (const [name, text] of Object.entries(options)) {
    const field = name.startsWith('kv_') ? name.slice(3) : name;
    if ((BREAKER_FIELDS as string[]).includes(field)) {
      if (!shims.includes('breaker-config')) {
        fail(
          `option ${name} changes the connector's own CircuitBreakerConfig, which the CLI does not expose; ` +
            'add --shim breaker-config to apply it at import time (the result will say so), or drop the option',
        );
      }
      const integer = field !== 'recovery_timeout' && field !== 'operation_timeout';
      breakerOverrides[name] = toNumber(name, text, { integer, min: 0, exclusive: field !== 'min_calls_before_open' });
    } else if (name === 'batch_size' || name === 'aws_batch_size')
      awsBatchSize = toNumber(name, text, { integer: true, min: 1, exclusive: false });
    else if (name === 'rate_limit') rateLimit = toNumber(name, text, { integer: false, min: 0, exclusive: true });
    else if (name === 'max_retries') maxRetries = toNumber(name, text, { integer: true, min: 0, exclusive: false });
    else if (name === 'poll_interval_s')
      pollIntervalS = toNumber(name, text, { integer: false, min: 0, exclusive: true });
    else if (name === 'secret_refresh_ms')
      secretRefreshMs = toNumber(name, text, { integer: false, min: 0, exclusive: true });
    else if (name === 'failed_batches_dir') {
      if (!text.startsWith('/')) fail(`option failed_batches_dir=${text} must be an absolute path`);
      failedBatchesDir = text;
    } else if (name in TEST_FAULTS)
      fail(`option ${name} is a test knob of the reference target; the real connector has no such switch`);
    else fail(`unknown option "${name}"`);
  }
  const sentinelOverrides = Object.fromEntries(Object.entries(breakerOverrides).filter(([k]) => !k.startsWith('kv_')));
  return {
    shims,
    awsBatchSize,
    rateLimit,
    maxRetries,
    pollIntervalS,
    secretRefreshMs,
    failedBatchesDir,
    breakerOverrides,
    breakerConfig: { ...RUNBOOK_BREAKER_DEFAULTS, ...sentinelOverrides },
  };
}
