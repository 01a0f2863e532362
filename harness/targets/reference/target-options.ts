/**
 * `--target-option k=v` for the reference target: breaker fields by their CircuitBreakerConfig
 * names (for `azure-sentinel`; `kv_`-prefixed for `azure-key-vault`), a few knobs, and test knobs
 * that break a promise on purpose so the harness can prove its expectations catch it.
 */
import { UsageError } from '../../errors.js';
import { type BreakerConfig, RUNBOOK_BREAKER_DEFAULTS } from '../target.js';
import { type FaultsForTesting, type TestFault, testFaultProblem } from './faults-for-testing.js';
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
  drop_failed_batches: 'true: failed batches are NOT stored (breaks the no-loss promise)',
  archive_on_failure: 'true: replay-failed archives files even when their upload failed',
  ignore_progress: 'true: every cycle re-ingests every object (breaks the no-duplicate promise)',
  real_reopen_wording: "true: log a re-open from HALF_OPEN as the real connector's CLOSED → OPEN",
  alter_on_replay: 'true: replay-failed sends SourceIP as [REDACTED:IPV4] (the real PII redaction)',
  drop_column: '<ColumnName>: that declared column is left out of every delivered record',
  whole_object_record: 'true: a whole object is ONE firewall line (the real parser): multi-line objects rejected',
  skip_store_on_timeout: 'true: a timed-out upload is a breaker failure but its batch is NOT stored (the real one)',
  oneshot_exit_zero: 'true: ingest exits 0 even when records were neither delivered nor stored',
  replay_report_lies: 'true: replay-failed prints archived=<n> failed=0 and exits 0 whatever happened',
};
const TEST_KNOBS: Record<string, TestFault> = {
  drop_failed_batches: 'dropFailedBatches',
  archive_on_failure: 'archiveOnFailure',
  ignore_progress: 'ignoreProgress',
  real_reopen_wording: 'realReopenWording',
  alter_on_replay: 'alterOnReplay',
  drop_column: 'dropColumn',
  whole_object_record: 'wholeObjectRecord',
  skip_store_on_timeout: 'skipStoreOnTimeout',
  oneshot_exit_zero: 'oneshotExitZero',
  replay_report_lies: 'replayReportLies',
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
  const value = field === 'dropColumn' ? text : text === 'true' ? true : text === 'false' ? false : text;
  const problem = testFaultProblem(field, value);
  if (problem !== null) fail(`option ${name}=${text} ${problem}`);
  return value;
}

/**
 * @example parseReferenceTargetOptions({ recovery_timeout: '2', kv_failure_threshold: '1' })
 */
export function parseReferenceTargetOptions(options: Readonly<Record<string, string>>): ReferenceTargetOptions {
  const breaker: Record<string, number> = { ...RUNBOOK_BREAKER_DEFAULTS };
  const keyVaultBreaker: Record<string, number> = { ...KEY_VAULT_BREAKER_DEFAULTS };
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
    else if (name in TEST_KNOBS) faultsForTesting[TEST_KNOBS[name]] = testKnob(name, TEST_KNOBS[name], text);
    else fail(`unknown option "${name}"`);
  }
  return {
    breaker: breaker as unknown as BreakerConfig,
    keyVaultBreaker: keyVaultBreaker as unknown as BreakerConfig,
    batchSize,
    secretRefreshMs,
    faultsForTesting: faultsForTesting as FaultsForTesting,
  };
}
