/**
 * `--target-option k=v` for the reference target: breaker fields by their CircuitBreakerConfig
 * names (for `azure-sentinel`; `kv_`-prefixed for `azure-key-vault`), a few knobs, and test knobs
 * that break a promise on purpose so the harness can prove its expectations catch it.
 */
import { UsageError } from '../../errors.js';
import { type BreakerConfig, RUNBOOK_BREAKER_DEFAULTS } from '../target.js';
import {
  type FaultsForTesting,
  parseTestFaultText,
  TEST_FAULTS,
  type TestFault,
  type TestFaultOption,
  testFaultProblem,
} from './faults-for-testing.js';
import { KEY_VAULT_BREAKER_DEFAULTS } from './reference-config.js';

export interface ReferenceTargetOptions {
  readonly breaker: BreakerConfig;
  readonly keyVaultBreaker: BreakerConfig;
  readonly batchSize: number;
  readonly secretRefreshMs: number;
  readonly faultsForTesting: FaultsForTesting;
}

/** One breaker call per record by default, as the python target does with `aws.batch_size: 1`. */
export const DEFAULT_TARGET_BATCH_SIZE = 1;
/** Target ms; frequent enough that Key Vault scenarios see refreshes within a short run. */
export const DEFAULT_TARGET_SECRET_REFRESH_MS = 60_000;

const BREAKER_FIELDS = Object.keys(RUNBOOK_BREAKER_DEFAULTS) as (keyof BreakerConfig)[];
const KNOB_DESCRIPTIONS: Record<string, string> = {
  batch_size: 'records per Sentinel upload (whole number >= 1)',
  secret_refresh_ms: 'target ms between Key Vault refreshes (> 0)',
  ...Object.fromEntries(Object.entries(TEST_FAULTS).map(([name, spec]) => [name, spec.description])),
};

export const VALID_OPTION_NAMES: readonly string[] = [
  ...BREAKER_FIELDS,
  ...BREAKER_FIELDS.map((f) => `kv_${f}`),
  ...Object.keys(KNOB_DESCRIPTIONS),
];

function fail(message: string): never {
  throw new UsageError(
    `Failed to configure target "reference": ${message}. ` +
      `Valid --target-option names: ${VALID_OPTION_NAMES.join(', ')}.`,
  );
}

function toNumber(
  name: string,
  text: string,
  { integer, min, exclusive }: { integer: boolean; min: number; exclusive: boolean },
): number {
  const value = Number(text);
  const tooLow = exclusive ? value <= min : value < min;
  if (text.trim() === '' || !Number.isFinite(value) || tooLow || (integer && !Number.isInteger(value))) {
    fail(`option ${name}=${text} must be a ${integer ? 'whole ' : ''}number ${exclusive ? '>' : '>='} ${min}`);
  }
  return value;
}

function breakerField(name: string, field: keyof BreakerConfig, text: string): number {
  const integer = field !== 'recovery_timeout' && field !== 'operation_timeout';
  return toNumber(name, text, { integer, min: 0, exclusive: field !== 'min_calls_before_open' });
}

/** `true`/`false` for a switch, the text itself for `drop_column`; fails naming the option otherwise. */
function testKnob(name: string, field: TestFault, text: string): boolean | string {
  const value = parseTestFaultText(field, text);
  const problem = testFaultProblem(field, value);
  if (problem !== null) fail(`option ${name}=${text} ${problem}`);
  return value;
}

/**
 * @example parseReferenceTargetOptions({ recovery_timeout: '2', kv_failure_threshold: '1' })
 */
export function parseReferenceTargetOptions(
  options: Readonly<Record<string, string>>,
  underTest: BreakerConfig = RUNBOOK_BREAKER_DEFAULTS,
): ReferenceTargetOptions {
  // The configuration under test (the scenario's, runbook Step 4 Option B) applies to every breaker;
  // `--target-option` fields then override it, so a user can still configure a target to break a promise.
  const base = options.ignore_breaker_config === 'true' ? RUNBOOK_BREAKER_DEFAULTS : underTest;
  const changed = Object.fromEntries(
    BREAKER_FIELDS.filter((f) => base[f] !== RUNBOOK_BREAKER_DEFAULTS[f]).map((f) => [f, base[f]]),
  );
  const breaker: Record<string, number> = { ...base };
  const keyVaultBreaker: Record<string, number> = { ...KEY_VAULT_BREAKER_DEFAULTS, ...changed };
  const faultsForTesting: Record<string, boolean | string> = {};
  let batchSize = DEFAULT_TARGET_BATCH_SIZE;
  let secretRefreshMs = DEFAULT_TARGET_SECRET_REFRESH_MS;
  for (const [name, text] of Object.entries(options)) {
    if ((BREAKER_FIELDS as string[]).includes(name))
      breaker[name] = breakerField(name, name as keyof BreakerConfig, text);
    else if (name.startsWith('kv_') && (BREAKER_FIELDS as string[]).includes(name.slice(3)))
      keyVaultBreaker[name.slice(3)] = breakerField(name, name.slice(3) as keyof BreakerConfig, text);
    else if (name === 'batch_size') batchSize = toNumber(name, text, { integer: true, min: 1, exclusive: false });
    else if (name === 'secret_refresh_ms')
      secretRefreshMs = toNumber(name, text, { integer: false, min: 0, exclusive: true });
    else if (name in TEST_FAULTS) {
      const { field } = TEST_FAULTS[name as TestFaultOption];
      faultsForTesting[field] = testKnob(name, field, text);
    } else fail(`unknown option "${name}"`);
  }
  return {
    breaker: breaker as unknown as BreakerConfig,
    keyVaultBreaker: keyVaultBreaker as unknown as BreakerConfig,
    batchSize,
    secretRefreshMs,
    faultsForTesting: faultsForTesting as FaultsForTesting,
  };
}
