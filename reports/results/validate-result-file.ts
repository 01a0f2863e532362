import type { ScenarioResultFile, Verdict } from '../../harness/result/result-schema.js';
import { ReportInputError } from '../report-error.js';

const REQUIRED_ARRAYS = [
  'expectations',
  'transitions',
  'faults',
  'requests',
  'samples',
  'logExcerpt',
  'shims',
] as const;
const REQUIRED_OBJECTS = ['ledger', 'versions', 'requestCounts', 'machine', 'targetOptions'] as const;
// A Record, so that a new Verdict cannot be forgotten here (a not_applicable result was once refused).
const VERDICT_NAMES: Readonly<Record<Verdict, true>> = {
  passed: true,
  failed: true,
  error: true,
  not_applicable: true,
};
const VERDICTS = new Set<string>(Object.keys(VERDICT_NAMES));

/** Whether a parsed JSON value looks like a result file at all (vs. a summary or other JSON). */
export function isResultFileLike(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'schemaVersion' in value && 'scenario' in value;
}

/**
 * Checks the shape of a result file before any writer touches it, so a truncated or foreign
 * file fails with its path and field instead of a TypeError deep inside a writer.
 * @example const result = validateResultFile(JSON.parse(text), 'out/rate-limit.json');
 */
export function validateResultFile(value: unknown, source: string): ScenarioResultFile {
  const fail = (reason: string): never => {
    throw new ReportInputError(
      `Failed to read result file ${source}: ${reason}. Regenerate it with npm run scenario or npm run gate.`,
    );
  };
  if (typeof value !== 'object' || value === null) return fail('not a JSON object');
  const record = value as Record<string, unknown>;
  if (record.schemaVersion !== 1)
    return fail(`unsupported schemaVersion ${JSON.stringify(record.schemaVersion)} (expected 1)`);
  if (typeof record.scenario !== 'string' || record.scenario === '') fail('field "scenario" missing');
  if (!VERDICTS.has(record.verdict as string)) fail(`field "verdict" is ${JSON.stringify(record.verdict)}`);
  for (const key of ['timeScale', 'seed', 'durationMs'] as const) {
    if (typeof record[key] !== 'number') fail(`field "${key}" is not a number`);
  }
  for (const key of REQUIRED_ARRAYS) if (!Array.isArray(record[key])) fail(`field "${key}" is not an array`);
  for (const key of REQUIRED_OBJECTS) {
    if (typeof record[key] !== 'object' || record[key] === null) fail(`field "${key}" is not an object`);
  }
  return value as ScenarioResultFile;
}
