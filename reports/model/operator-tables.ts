/**
 * The operator's tables of a scenario section: the alert rules judged (fired when, cleared when,
 * never fired, watches a series the target never exposed), and the runbook's "When to Use" and
 * "Verification" lines, each marked met or not met by the expectation that checks it.
 */
import type { ScenarioResultFile } from '../../harness/result/result-schema.js';
import { formatSeconds } from './format-value.js';
import type { Cell, Table } from './table.js';

/** Series Prometheus writes itself, so a rule on them watches something real. */
const PROMETHEUS_SERIES = new Set(['ALERTS', 'ALERTS_FOR_STATE', 'up']);

export const RUNBOOK_OPERATOR_LINES: readonly { section: string; line: string; kind: string }[] = [
  { section: 'When to Use', line: 'Alert: "Circuit breaker OPEN for [service-name]"', kind: 'alert_fires' },
  { section: 'Verification', line: 'Circuit breaker returned to CLOSED state', kind: 'final_breaker_state' },
  { section: 'Verification', line: 'Service requests succeeding (check logs)', kind: 'last_requests_succeeded' },
  { section: 'Verification', line: 'Failed batches being processed (if any queued)', kind: 'failed_batches_drained' },
  { section: 'Verification', line: 'Monitoring alerts cleared', kind: 'alerts_cleared' },
];

export function buildAlertRulesTable(result: ScenarioResultFile): Table {
  const view = result.operator;
  const headers = [
    'Alert rule',
    'Rule file',
    'for',
    'Fired when',
    'Cleared when',
    'Never fired',
    'Watches a series never exposed',
  ];
  if (view === undefined) return { headers, rows: [] };
  const exposed = new Set([...(view.evaluation?.exposedMetrics ?? []), ...PROMETHEUS_SERIES]);
  for (const r of view.alertRules.rules) if (r.kind === 'record') exposed.add(r.name);
  const rows = view.alertRules.rules
    .filter((r) => r.kind === 'alert')
    .map((rule): Cell[] => {
      const episodes = view.alerts.filter((a) => a.alertname === rule.name && a.firingAtMs !== null);
      const blind = rule.metrics.filter((m) => !exposed.has(m));
      const evaluated = view.evaluation !== undefined && view.evaluation.error === undefined;
      return [
        rule.name,
        rule.source,
        formatSeconds(rule.forMs),
        episodes.length > 0 ? episodes.map((e) => formatSeconds(e.firingAtMs as number)).join(', ') : '—',
        episodes.length > 0
          ? episodes.map((e) => (e.endedAtMs === null ? 'still firing' : formatSeconds(e.endedAtMs))).join(', ')
          : '—',
        !evaluated
          ? { text: 'not evaluated', tone: 'warn' }
          : episodes.length === 0
            ? { text: 'never fired', tone: 'warn' }
            : 'fired',
        blind.length > 0 ? { text: blind.join(', '), tone: 'bad' } : { text: 'no', tone: 'good' },
      ];
    });
  return { headers, rows };
}

/** Whether a section shows the operator's tables: the run scraped or judged any runbook line. */
export function hasOperatorView(result: ScenarioResultFile): boolean {
  return result.operator !== undefined || result.expectations.some((e) => RUNBOOK_KINDS.has(e.kind));
}
const RUNBOOK_KINDS = new Set(RUNBOOK_OPERATOR_LINES.map((l) => l.kind));

export function buildRunbookLinesTable(result: ScenarioResultFile): Table {
  const rows = RUNBOOK_OPERATOR_LINES.map(({ section, line, kind }): Cell[] => {
    const checks = result.expectations.filter((e) => e.kind === kind);
    const status: Cell =
      checks.length === 0
        ? { text: 'not checked', tone: 'muted' }
        : checks.every((e) => e.passed)
          ? { text: 'met', tone: 'good' }
          : { text: 'NOT MET', tone: 'bad' };
    const observed = checks.map((e) => (typeof e.observed === 'string' ? e.observed : JSON.stringify(e.observed)));
    return [section, line, kind, status, observed.join('; ') || '—'];
  });
  return { headers: ['Runbook', 'Line', 'Checked by', 'Status', 'Observed'], rows };
}
