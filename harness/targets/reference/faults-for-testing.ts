/**
 * Promise-breaking switches: each makes the reference break ONE runbook promise on purpose, the
 * way the real connector does, so the harness can prove the expectation for that promise fails.
 * All off by default. This table is the one list: the `--target-option` name, the config field
 * the process reads, and what it breaks. A new switch is one row here plus the code that obeys it.
 */
import { REFERENCE_RECORD_SCHEMA } from './record-schema.js';

interface SwitchSpec<F extends string, V extends 'boolean' | 'column' = 'boolean' | 'column'> {
  readonly field: F;
  /** `boolean`: `true`/`false`; `column`: the name of a declared column. */
  readonly value: V;
  readonly description: string;
}
const flag = <const F extends string>(field: F, description: string): SwitchSpec<F, 'boolean'> => ({
  field,
  value: 'boolean',
  description,
});
const column = <const F extends string>(field: F, description: string): SwitchSpec<F, 'column'> => ({
  field,
  value: 'column',
  description,
});

export const TEST_FAULTS = {
  drop_failed_batches: flag('dropFailedBatches', 'failed batches are NOT stored (breaks the no-loss promise)'),
  archive_on_failure: flag('archiveOnFailure', 'replay-failed archives files even when their upload failed'),
  ignore_progress: flag('ignoreProgress', 'every cycle re-ingests every object (breaks the no-duplicate promise)'),
  skip_unreadable_objects: flag(
    'skipUnreadableObjects',
    'an object whose S3 read fails is marked done anyway (its records are lost)',
  ),
  real_reopen_wording: flag(
    'realReopenWording',
    "a re-open from HALF_OPEN is logged as the real connector's CLOSED → OPEN (failures: 0, …)",
  ),
  alter_on_replay: flag('alterOnReplay', 'replay-failed sends SourceIP as [REDACTED:IPV4] (the real PII redaction)'),
  drop_column: column('dropColumn', '<ColumnName>: that declared column is left out of every delivered record'),
  whole_object_record: flag(
    'wholeObjectRecord',
    'a whole object is ONE firewall line (the real parser): multi-line objects rejected',
  ),
  skip_store_on_timeout: flag(
    'skipStoreOnTimeout',
    'a timed-out upload is a breaker failure but its batch is NOT stored (the real one)',
  ),
  oneshot_exit_zero: flag('oneshotExitZero', 'ingest exits 0 even when records were neither delivered nor stored'),
  replay_report_lies: flag(
    'replayReportLies',
    'replay-failed prints archived=<n> failed=0 and exits 0 whatever happened',
  ),
  no_s3_breaker: flag('noS3Breaker', 'S3 calls go through no breaker (the real connector has none)'),
  half_open_unlimited: flag(
    'halfOpenUnlimited',
    'HALF_OPEN admits every call and re-opens only after failure_threshold failures, like CLOSED',
  ),
  forget_queue_on_restart: flag(
    'forgetQueueOnRestart',
    'run deletes the failed-batch files it finds at start-up (a restart forgets the queue)',
  ),
  ignore_breaker_config: flag(
    'ignoreBreakerConfig',
    "the scenario's breaker configuration is ignored: every breaker runs on the runbook defaults",
  ),
  no_alert_rule: flag(
    'noAlertRule',
    'the shipped rule file has no "Circuit breaker OPEN" alert (the real one has none)',
  ),
  misspelt_rule_metric: flag(
    'misspeltRuleMetric',
    'the breaker alert watches s3_sentinel_circuit_breaker_sate, a series never exposed',
  ),
  ready_always_200: flag('readyAlways200', '/ready answers 200 whatever the breakers say (the real one)'),
  gauge_wrong_dir: flag(
    'gaugeWrongDir',
    's3_sentinel_failed_batch_files counts <failedBatchesDir>/archived, not the files waiting for replay',
  ),
} as const satisfies Record<string, SwitchSpec<string>>;

export type TestFaultOption = keyof typeof TEST_FAULTS;
type Spec = (typeof TEST_FAULTS)[TestFaultOption];
export type TestFault = Spec['field'];
export type FaultsForTesting = {
  readonly [S in Spec as S['field']]?: S['value'] extends 'column' ? string : boolean;
};

const BY_FIELD = new Map<string, Spec>(Object.values(TEST_FAULTS).map((s) => [s.field, s]));
export const TEST_FAULT_FIELDS: readonly TestFault[] = [...BY_FIELD.keys()] as TestFault[];

/** The columns `drop_column` may name: the reference's declared columns. */
export const DECLARED_COLUMNS: readonly string[] = REFERENCE_RECORD_SCHEMA.columns.map((c) => c.name);

/** What is wrong with `value` for `field` (a phrase to follow the field's name), or null. */
export function testFaultProblem(field: TestFault, value: unknown): string | null {
  if (BY_FIELD.get(field)?.value !== 'column') return typeof value === 'boolean' ? null : 'must be true or false';
  return typeof value === 'string' && DECLARED_COLUMNS.includes(value)
    ? null
    : `must name a declared column (${DECLARED_COLUMNS.join(', ')})`;
}

/** The value a `--target-option` text stands for: the column name itself, or a boolean for a switch. */
export function parseTestFaultText(field: TestFault, text: string): boolean | string {
  if (BY_FIELD.get(field)?.value === 'column') return text;
  return text === 'true' ? true : text === 'false' ? false : text;
}

/** Reads `faultsForTesting` from the JSON config, pushing one problem per bad field. */
export function readFaultsForTesting(raw: unknown, problems: string[]): FaultsForTesting {
  if (raw === undefined) return {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push(`faultsForTesting must be an object with fields ${TEST_FAULT_FIELDS.join(', ')}`);
    return {};
  }
  const faults: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!BY_FIELD.has(key)) {
      problems.push(`faultsForTesting.${key} is not a test fault (valid: ${TEST_FAULT_FIELDS.join(', ')})`);
      continue;
    }
    const problem = testFaultProblem(key as TestFault, value);
    if (problem === null) faults[key] = value;
    else problems.push(`faultsForTesting.${key} ${problem}, got ${JSON.stringify(value)}`);
  }
  return faults as FaultsForTesting;
}
