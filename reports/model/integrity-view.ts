/**
 * A scenario's record integrity and steady-state hypothesis, as the report shows them: how every
 * seeded record arrived (intact / altered / missing fields / duplicated / re-read / stored / lost),
 * the first field diffs, and whether "working" held before the fault and after recovery.
 */
import type { ScenarioResultFile } from '../../harness/result/result-schema.js';
import { formatValue } from './format-value.js';
import type { Cell, Table } from './table.js';

export interface IntegrityView {
  /** Absent for results from targets that declared no schema (and older result files). */
  readonly table: Table | null;
  readonly schema: string | null;
  readonly diffs: readonly string[];
  readonly hypothesis: Table;
}

const SHOWN_DIFFS = 5;

const count = (n: number, badWhenAboveZero: boolean): Cell =>
  n > 0 && badWhenAboveZero ? { text: String(n), tone: 'bad' } : String(n);

export function buildIntegrityView(result: ScenarioResultFile): IntegrityView {
  const integrity = result.ledger.integrity;
  const hypothesis = result.expectations.filter((e) => e.kind.startsWith('steady_state'));
  return {
    schema: integrity?.schema ?? null,
    table: integrity
      ? {
          headers: ['Intact', 'Altered', 'Missing fields', 'Duplicated', 'Re-read', 'Stored', 'Lost', 'Unidentified'],
          rows: [
            [
              { text: String(integrity.intact), tone: 'good' },
              count(integrity.altered, true),
              count(integrity.missingFields, true),
              count(integrity.duplicated, true),
              count(integrity.reRead, true),
              String(integrity.stored),
              count(integrity.lost, true),
              String(integrity.unidentified),
            ],
          ],
        }
      : null,
    diffs: [
      ...(integrity?.alteredSamples ?? []).map((s) => `record ${s.id}: ${s.diffs.join('; ')}`),
      ...(integrity?.missingSamples ?? []).map((s) => `record ${s.id} arrived without ${s.columns.join(', ')}`),
    ].slice(0, SHOWN_DIFFS),
    hypothesis: {
      headers: ['When', 'Holds', 'Observed', 'Evidence'],
      rows: hypothesis.map((e) => [
        e.kind === 'steady_state_before' ? 'before the first fault' : 'after recovery',
        e.passed ? { text: 'yes', tone: 'good' } : { text: 'NO', tone: 'bad' },
        formatValue(e.observed),
        e.evidence.slice(1, 3).join('; ') || '—',
      ]),
    },
  };
}
