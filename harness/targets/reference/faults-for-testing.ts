/**
 * Promise-breaking switches: each makes the reference break ONE runbook promise on purpose, the
 * way the real connector does, so the harness can prove the expectation for that promise fails.
 * All off by default; `--target-option` names are in target-options.ts.
 */
import { REFERENCE_RECORD_SCHEMA } from './record-schema.js';

export interface FaultsForTesting {
  /** Do not write failed-batch files: failed records vanish (the ledger must report them lost). */
  readonly dropFailedBatches?: boolean;
  /** `replay-failed` archives a file even when its upload failed (the real connector's behaviour). */
  readonly archiveOnFailure?: boolean;
  /** Forget progress: every cycle re-ingests every object (duplicates). */
  readonly ignoreProgress?: boolean;
  /** Log a re-open from HALF_OPEN as `CLOSED → OPEN (failures: 0, …)` like the real connector. */
  readonly realReopenWording?: boolean;
  /** `replay-failed` sends SourceIP as `[REDACTED:IPV4]`, as the real connector's stored batches hold it. */
  readonly alterOnReplay?: boolean;
  /** This declared column is left out of every record (a column name, not a boolean). */
  readonly dropColumn?: string;
  /** A whole object is ONE firewall line, as the real parser reads it: multi-line objects are rejected. */
  readonly wholeObjectRecord?: boolean;
  /** A timed-out upload counts as a breaker failure but its batch is NOT stored (the real connector). */
  readonly skipStoreOnTimeout?: boolean;
  /** `ingest` exits 0 even when records were neither delivered nor stored. */
  readonly oneshotExitZero?: boolean;
  /** `replay-failed` reports `archived=<n> failed=0` and exits 0 whatever happened. */
  readonly replayReportLies?: boolean;
}

export type TestFault = keyof FaultsForTesting;

export const BOOLEAN_TEST_FAULTS = [
  'dropFailedBatches',
  'archiveOnFailure',
  'ignoreProgress',
  'realReopenWording',
  'alterOnReplay',
  'wholeObjectRecord',
  'skipStoreOnTimeout',
  'oneshotExitZero',
  'replayReportLies',
] as const satisfies readonly TestFault[];

export const TEST_FAULT_FIELDS: readonly TestFault[] = [...BOOLEAN_TEST_FAULTS, 'dropColumn'];

/** The columns `dropColumn` may name: the reference's declared columns. */
export const DECLARED_COLUMNS: readonly string[] = REFERENCE_RECORD_SCHEMA.columns.map((c) => c.name);

/** What is wrong with `value` for `field` (a phrase to follow the field's name), or null. */
export function testFaultProblem(field: TestFault, value: unknown): string | null {
  if (field !== 'dropColumn') return typeof value === 'boolean' ? null : 'must be true or false';
  return typeof value === 'string' && DECLARED_COLUMNS.includes(value)
    ? null
    : `must name a declared column (${DECLARED_COLUMNS.join(', ')})`;
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
    if (!(TEST_FAULT_FIELDS as readonly string[]).includes(key)) {
      problems.push(`faultsForTesting.${key} is not a test fault (valid: ${TEST_FAULT_FIELDS.join(', ')})`);
      continue;
    }
    const problem = testFaultProblem(key as TestFault, value);
    if (problem === null) faults[key] = value;
    else problems.push(`faultsForTesting.${key} ${problem}, got ${JSON.stringify(value)}`);
  }
  return faults as FaultsForTesting;
}
