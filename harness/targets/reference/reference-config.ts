/**
 * The reference connector's JSON config (CONTRACTS.md §4), validated as a whole: every problem is
 * reported at once, so a broken config is fixed in one round.
 */
import { type BreakerConfig, RUNBOOK_BREAKER_DEFAULTS } from '../target.js';
import { type FaultsForTesting, readFaultsForTesting } from './faults-for-testing.js';

export type { FaultsForTesting } from './faults-for-testing.js';

export interface ReferenceConfig {
  readonly bucket: string;
  readonly prefix: string;
  readonly ruleId: string;
  readonly stream: string;
  readonly secretName: string;
  readonly failedBatchesDir: string;
  readonly stateDir: string;
  /** 0 = ephemeral; the chosen port is printed as `listening on http://127.0.0.1:<port>`. */
  readonly healthPort: number;
  /** Target ms between the end of one `run` cycle and the start of the next. */
  readonly pollIntervalMs: number;
  /** Target time runs this many times faster than wall time. */
  readonly timeScale: number;
  /** Records per Sentinel upload; each batch is one breaker call. */
  readonly batchSize: number;
  /** Target ms between Key Vault secret refreshes. */
  readonly secretRefreshMs: number;
  readonly breaker: BreakerConfig;
  readonly keyVaultBreaker: BreakerConfig;
  readonly faultsForTesting: FaultsForTesting;
}

/** Key Vault's breaker: the runbook defaults with CredentialManager's 10 s operation timeout. */
export const KEY_VAULT_BREAKER_DEFAULTS: BreakerConfig = { ...RUNBOOK_BREAKER_DEFAULTS, operation_timeout: 10 };

export const CONFIG_DEFAULTS = {
  prefix: '',
  healthPort: 0,
  pollIntervalMs: 30_000,
  timeScale: 1,
  batchSize: 100,
  secretRefreshMs: 300_000,
} as const;

const STRING_FIELDS = ['bucket', 'prefix', 'ruleId', 'stream', 'secretName', 'failedBatchesDir', 'stateDir'] as const;
const REQUIRED_FIELDS = ['bucket', 'ruleId', 'stream', 'secretName', 'failedBatchesDir', 'stateDir'] as const;
const BREAKER_FIELDS = Object.keys(RUNBOOK_BREAKER_DEFAULTS) as (keyof BreakerConfig)[];
const KNOWN_FIELDS = new Set<string>([
  ...STRING_FIELDS,
  'healthPort',
  'pollIntervalMs',
  'timeScale',
  'batchSize',
  'secretRefreshMs',
  'breaker',
  'keyVaultBreaker',
  'faultsForTesting',
]);

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly problems: readonly string[],
    source: string,
  ) {
    super(
      `Failed to load config ${source}: ${problems.length} problem(s):\n` +
        `${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'Fix the JSON file (fields: see harness/targets/reference/reference-config.ts).',
    );
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function readBreaker(raw: unknown, path: string, defaults: BreakerConfig, problems: string[]): BreakerConfig {
  if (raw === undefined) return defaults;
  if (!isRecord(raw)) {
    problems.push(`${path} must be an object with fields ${BREAKER_FIELDS.join(', ')}`);
    return defaults;
  }
  const result: Record<string, number> = { ...defaults };
  for (const [key, value] of Object.entries(raw)) {
    if (!BREAKER_FIELDS.includes(key as keyof BreakerConfig)) {
      problems.push(`${path}.${key} is not a breaker field (valid: ${BREAKER_FIELDS.join(', ')})`);
      continue;
    }
    const mayBeZero = key === 'min_calls_before_open';
    const integer = key !== 'recovery_timeout' && key !== 'operation_timeout';
    if (
      typeof value !== 'number' ||
      !Number.isFinite(value) ||
      value < 0 ||
      (!mayBeZero && value === 0) ||
      (integer && !Number.isInteger(value))
    ) {
      const range = mayBeZero ? '>= 0' : '> 0';
      problems.push(`${path}.${key} must be a ${integer ? 'whole' : ''} number ${range}, got ${JSON.stringify(value)}`);
      continue;
    }
    result[key] = value;
  }
  return result as unknown as BreakerConfig;
}

function readNumber(
  raw: Record<string, unknown>,
  key: string,
  fallback: number,
  check: { integer?: boolean; min: number; max?: number; exclusiveMin?: boolean },
  problems: string[],
): number {
  const value = raw[key];
  if (value === undefined) return fallback;
  const tooLow = check.exclusiveMin === true ? (value as number) <= check.min : (value as number) < check.min;
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    tooLow ||
    (check.max !== undefined && value > check.max) ||
    (check.integer === true && !Number.isInteger(value))
  ) {
    const upTo = check.max !== undefined ? ` and <= ${check.max}` : '';
    const range = `${check.exclusiveMin === true ? '>' : '>='} ${check.min}${upTo}`;
    problems.push(
      `${key} must be a ${check.integer === true ? 'whole ' : ''}number ${range}, got ${JSON.stringify(value)}`,
    );
    return fallback;
  }
  return value;
}

/**
 * @example
 * // Throws ConfigError listing every problem.
 * const config = validateReferenceConfig(JSON.parse(text), '/tmp/run/config.json');
 */
export function validateReferenceConfig(raw: unknown, source = '(inline)'): ReferenceConfig {
  const problems: string[] = [];
  if (!isRecord(raw))
    throw new ConfigError(
      [`the config must be a JSON object, got ${Array.isArray(raw) ? 'an array' : typeof raw}`],
      source,
    );
  for (const key of Object.keys(raw))
    if (!KNOWN_FIELDS.has(key)) problems.push(`${key} is not a config field (valid: ${[...KNOWN_FIELDS].join(', ')})`);
  const strings: Record<string, string> = {};
  for (const key of STRING_FIELDS) {
    const value = raw[key];
    if (value === undefined) {
      if ((REQUIRED_FIELDS as readonly string[]).includes(key)) problems.push(`${key} is missing (a non-empty string)`);
      continue;
    }
    if (typeof value !== 'string') problems.push(`${key} must be a string, got ${JSON.stringify(value)}`);
    else if (value === '' && (REQUIRED_FIELDS as readonly string[]).includes(key))
      problems.push(`${key} must not be empty`);
    else strings[key] = value;
  }
  const healthPort = readNumber(
    raw,
    'healthPort',
    CONFIG_DEFAULTS.healthPort,
    { integer: true, min: 0, max: 65_535 },
    problems,
  );
  const pollIntervalMs = readNumber(
    raw,
    'pollIntervalMs',
    CONFIG_DEFAULTS.pollIntervalMs,
    { min: 0, exclusiveMin: true },
    problems,
  );
  const timeScale = readNumber(raw, 'timeScale', CONFIG_DEFAULTS.timeScale, { min: 0, exclusiveMin: true }, problems);
  const batchSize = readNumber(raw, 'batchSize', CONFIG_DEFAULTS.batchSize, { integer: true, min: 1 }, problems);
  const secretRefreshMs = readNumber(
    raw,
    'secretRefreshMs',
    CONFIG_DEFAULTS.secretRefreshMs,
    { min: 0, exclusiveMin: true },
    problems,
  );
  const breaker = readBreaker(raw.breaker, 'breaker', RUNBOOK_BREAKER_DEFAULTS, problems);
  const keyVaultBreaker = readBreaker(raw.keyVaultBreaker, 'keyVaultBreaker', KEY_VAULT_BREAKER_DEFAULTS, problems);
  const faultsForTesting = readFaultsForTesting(raw.faultsForTesting, problems);
  if (problems.length > 0) throw new ConfigError(problems, source);
  // No problems means every required string is present; this says so to the type checker.
  const required = (key: (typeof REQUIRED_FIELDS)[number]): string => {
    const value = strings[key];
    if (value === undefined) throw new ConfigError([`${key} is missing (a non-empty string)`], source);
    return value;
  };
  return {
    bucket: required('bucket'),
    prefix: strings.prefix ?? CONFIG_DEFAULTS.prefix,
    ruleId: required('ruleId'),
    stream: required('stream'),
    secretName: required('secretName'),
    failedBatchesDir: required('failedBatchesDir'),
    stateDir: required('stateDir'),
    healthPort,
    pollIntervalMs,
    timeScale,
    batchSize,
    secretRefreshMs,
    breaker,
    keyVaultBreaker,
    faultsForTesting,
  };
}
