import type { ScenarioResultFile } from '../../harness/result/result-schema.js';
import { formatSeconds, formatValue } from './format-value.js';
import { buildIntegrityView, type IntegrityView } from './integrity-view.js';
import {
  describeBreakerConfig,
  describeBreakersObserved,
  describeHelp,
  describeKeyVaultRequests,
} from './operator-facts.js';
import { buildAlertRulesTable, buildRunbookLinesTable, hasOperatorView } from './operator-tables.js';
import type { Cell, Table } from './table.js';

export interface ScenarioView {
  readonly id: string;
  readonly title: string;
  readonly verdict: ScenarioResultFile['verdict'];
  readonly facts: readonly (readonly [string, string])[];
  readonly error?: string;
  readonly expectations: Table;
  readonly transitions: Table;
  readonly recoveries: Table;
  readonly ledger: Table;
  readonly lostIds: readonly string[];
  readonly integrity: IntegrityView;
  readonly requestCounts: Table;
  readonly faults: Table;
  /** The scenario's steps as run (result files from engines that record them). */
  readonly steps: Table;
  /** The alert rules judged, with when each fired and cleared (empty without rules). */
  readonly alertRules: Table;
  /** The runbook's "When to Use" and "Verification" lines, met or not met. */
  readonly runbookLines: Table;
  /** False for results without scrapes or runbook lines (older files): the two tables are left out. */
  readonly operatorShown: boolean;
}

/**
 * `requestCounts` is service → key → count, where the engine's key is `<operation> <status>`
 * (older files: the status alone). Split into rows the table can group.
 */
function splitRequestCounts(
  requestCounts: ScenarioResultFile['requestCounts'],
): { service: string; operation: string; status: string; count: number }[] {
  return Object.entries(requestCounts).flatMap(([service, byKey]) =>
    Object.entries(byKey).map(([key, count]) => {
      const match = /^(.*?)\s*(-?\d+)$/.exec(key);
      return { service, operation: match?.[1] || 'all', status: match?.[2] ?? key, count };
    }),
  );
}

const verdictCell = (passed: boolean): Cell =>
  passed ? { text: 'passed', tone: 'good' } : { text: 'FAILED', tone: 'bad' };

/** Recovery bound text from a `recovery_time` expectation's expected value (`{ maxMs, minMs? }` or a number). */
function formatBound(expected: unknown): string {
  if (typeof expected === 'number') return `≤ ${formatSeconds(expected)}`;
  if (typeof expected === 'object' && expected !== null) {
    const { maxMs, minMs } = expected as { maxMs?: unknown; minMs?: unknown };
    const parts: string[] = [];
    if (typeof minMs === 'number') parts.push(`≥ ${formatSeconds(minMs)}`);
    if (typeof maxMs === 'number') parts.push(`≤ ${formatSeconds(maxMs)}`);
    if (parts.length > 0) return parts.join(' and ');
  }
  return formatValue(expected);
}

function formatObservedDuration(observed: unknown): string {
  if (typeof observed === 'number') return formatSeconds(observed);
  if (
    typeof observed === 'object' &&
    observed !== null &&
    typeof (observed as { recoveryMs?: unknown }).recoveryMs === 'number'
  ) {
    return formatSeconds((observed as { recoveryMs: number }).recoveryMs);
  }
  return formatValue(observed);
}

/** Everything a scenario section shows, as plain-text tables each renderer escapes and styles. */
export function buildScenarioView(result: ScenarioResultFile): ScenarioView {
  const counts = splitRequestCounts(result.requestCounts);
  const statuses = [...new Set(counts.map((c) => c.status))].sort();
  const rowKeys = [...new Set(counts.map((c) => `${c.service}\u0000${c.operation}`))].sort();
  const ledger = result.ledger;
  const breakerConfig = describeBreakerConfig(result);
  return {
    id: result.scenario,
    title: result.title,
    verdict: result.verdict,
    ...(result.error !== undefined ? { error: result.error } : {}),
    facts: [
      ['Runbook row', result.runbookRow],
      ['Target', result.target],
      ['Started', result.startedAt],
      ['Wall duration', formatSeconds(result.durationMs)],
      [
        'Time scale',
        result.measuredTimeScale !== undefined
          ? `×${result.timeScale} (measured ×${result.measuredTimeScale.toFixed(1)})`
          : `×${result.timeScale}`,
      ],
      ['Seed', String(result.seed)],
      ['Help given', describeHelp(result)],
      ['Key Vault requests', describeKeyVaultRequests(result)],
      ['Breakers observed', describeBreakersObserved(result)],
      ...(breakerConfig ? [['Breaker configuration under test', breakerConfig] as const] : []),
      ...(result.tags && result.tags.length > 0 ? [['Tags', result.tags.join(', ')] as const] : []),
    ],
    expectations: {
      headers: ['Result', 'Expectation', 'Kind', 'Promise', 'Expected', 'Observed'],
      rows: result.expectations.map((e) => [
        verdictCell(e.passed),
        e.name,
        e.kind,
        e.promise ?? '—',
        formatValue(e.expected),
        formatValue(e.observed),
      ]),
    },
    transitions: {
      headers: ['At (target)', 'Breaker', 'Transition', 'Consistent'],
      rows: result.transitions.map((t) => [
        formatSeconds(t.atMs),
        t.breaker,
        `${t.from} → ${t.to}`,
        t.consistent ? 'yes' : { text: 'NO: from-state differs from last seen', tone: 'warn' },
      ]),
    },
    recoveries: {
      headers: ['Result', 'Expectation', 'Bound', 'Observed'],
      rows: result.expectations
        .filter((e) => e.kind === 'recovery_time')
        .map((e) => [verdictCell(e.passed), e.name, formatBound(e.expected), formatObservedDuration(e.observed)]),
    },
    ledger: {
      headers: ['Seeded', 'Delivered', 'Duplicates', 'Stored (failed batches)', 'Replayed', 'Lost', 'Rejected'],
      rows: [
        [
          String(ledger.seeded),
          String(ledger.delivered),
          ledger.duplicates > 0 ? { text: String(ledger.duplicates), tone: 'warn' } : '0',
          String(ledger.inFailedBatches),
          String(ledger.replayed),
          ledger.lost > 0 ? { text: String(ledger.lost), tone: 'bad' } : { text: '0', tone: 'good' },
          String(ledger.rejected),
        ],
      ],
    },
    lostIds: ledger.lostIds,
    integrity: buildIntegrityView(result),
    requestCounts: {
      headers: ['Service', 'Operation', ...statuses.map((s) => (s === '0' ? 'no response' : s)), 'Total'],
      rows: rowKeys.map((key) => {
        const [service, operation] = key.split('\u0000') as [string, string];
        const mine = counts.filter((c) => c.service === service && c.operation === operation);
        const count = (status: string): number =>
          mine.filter((c) => c.status === status).reduce((a, c) => a + c.count, 0);
        return [
          service,
          operation,
          ...statuses.map((s) => String(count(s))),
          String(mine.reduce((a, c) => a + c.count, 0)),
        ];
      }),
    },
    steps: {
      headers: ['#', 'Step', 'Action', 'Started', 'Completed', 'Outcome', 'Detail'],
      rows: (result.steps ?? []).map((step) => [
        String(step.index + 1),
        step.name,
        step.action,
        step.startedAtMs < 0 ? '—' : formatSeconds(step.startedAtMs),
        step.completedAtMs === null ? '—' : formatSeconds(step.completedAtMs),
        step.outcome === 'done' ? step.outcome : { text: step.outcome, tone: 'warn' },
        step.detail,
      ]),
    },
    alertRules: buildAlertRulesTable(result),
    runbookLines: buildRunbookLinesTable(result),
    operatorShown: hasOperatorView(result),
    faults: {
      headers: ['Layer', 'Service', 'Rule', 'Description', 'From', 'To'],
      rows: result.faults.map((f) => [
        f.layer,
        f.service,
        f.ruleId,
        f.description,
        formatSeconds(f.startMs),
        f.endMs === null ? 'end of run' : formatSeconds(f.endMs),
      ]),
    },
  };
}
