/**
 * The gate's outcome as a CI step summary (GitHub-flavoured Markdown for `$GITHUB_STEP_SUMMARY`),
 * findings first: a one-line outcome, the top findings, then the promise table and one line per
 * scenario. Built from the GateSummary alone, so `json/summary.json` is enough to render it again.
 *
 *   GateSummary ─▶ outcome line ─▶ top findings (renderFindingsMarkdown) ─▶ promises ─▶ scenarios
 */
import { RUNBOOK_PROMISES } from '../../scenarios/promises.js';
import { renderFindingsMarkdown, TOP_FINDINGS } from '../findings/render-findings.js';
import { escapeMarkdown } from '../writers/escape.js';
import { STATUS_MARK } from '../writers/markdown-writer.js';
import type { GateSummary } from './gate-summary.js';

const VERDICT_MARK: Readonly<Record<GateSummary['verdict'], string>> = {
  passed: '✅ passed',
  failed: '❌ failed',
  error: '⚠️ error',
  not_applicable: '⚪ not applicable',
};

const EXIT_MEANING: Readonly<Record<GateSummary['exitCode'], string>> = {
  0: 'every expectation held',
  1: 'a runbook promise is broken',
  2: 'a scenario errored or has no result: infrastructure, not a verdict',
};

export interface StepSummaryOptions {
  /** Heading of the summary (default "Resilience gate"); shards add "shard i/n". */
  readonly title?: string;
}

function outcomeLine(summary: GateSummary): string {
  const t = summary.totals;
  const parts = [`${t.passed} passed`, `${t.failed} failed`, `${t.errored} errored`];
  if (t.notApplicable > 0) parts.push(`${t.notApplicable} not applicable`);
  if (t.missing > 0) parts.push(`${t.missing} missing (${summary.missing.join(', ')})`);
  return (
    `**${VERDICT_MARK[summary.verdict]}** (exit ${summary.exitCode}: ${EXIT_MEANING[summary.exitCode]}): ` +
    `${parts.join(', ')} of ${t.scenarios} scenario(s); ` +
    `${t.expectations - t.expectationsFailed}/${t.expectations} expectations held.`
  );
}

/**
 * Every promise a scenario of this run cited, in catalogue order; the ones no scenario touched are
 * one line under the table, since a quick PR run cites few and a table of gaps hides the verdicts.
 */
function promiseTable(summary: GateSummary): string[] {
  const statements = new Map(RUNBOOK_PROMISES.map((p) => [p.id, p.statement]));
  const cited = summary.promises.filter((p) => p.scenarios.length > 0 || p.status !== 'not exercised');
  const untouched = summary.promises.filter((p) => !cited.includes(p)).map((p) => `\`${p.id}\``);
  return [
    ...(cited.length === 0 ? ['_No promise was cited by a scenario of this run._'] : []),
    ...(cited.length > 0 ? ['| Status | Promise | Statement | Scenarios |', '| --- | --- | --- | --- |'] : []),
    ...cited.map((p) => {
      const scenarios = p.scenarios.map((s) => `\`${s}\``).join(', ') || '—';
      const statement = escapeMarkdown(statements.get(p.id) ?? '');
      return `| ${STATUS_MARK[p.status]} | \`${p.id}\` | ${statement} | ${scenarios} |`;
    }),
    ...(untouched.length > 0
      ? ['', `${STATUS_MARK['not exercised']} by this run (${untouched.length}): ${untouched.join(', ')}.`]
      : []),
  ];
}

/** Failed expectations named per scenario row; the JUnit file and the report name them all. */
const FAILED_NAMES_SHOWN = 3;

function scenarioTable(summary: GateSummary): string[] {
  return [
    '| Scenario | Verdict | Expectations | Failed |',
    '| --- | --- | --- | --- |',
    ...summary.scenarios.map((s) => {
      const failedNames = s.expectations.filter((e) => !e.passed).map((e) => escapeMarkdown(e.name));
      const more = failedNames.length - FAILED_NAMES_SHOWN;
      const failed = [...failedNames.slice(0, FAILED_NAMES_SHOWN), ...(more > 0 ? [`and ${more} more`] : [])];
      const error = s.error !== undefined ? [`error: ${escapeMarkdown(s.error)}`] : [];
      const held = s.expectations.length - s.expectations.filter((e) => !e.passed).length;
      const shims = s.shims.length > 0 ? ` (shims: ${escapeMarkdown(s.shims.join(', '))})` : '';
      return (
        `| \`${s.id}\`${shims} | ${VERDICT_MARK[s.verdict]} | ${held}/${s.expectations.length} | ` +
        `${[...failed, ...error].join('; ') || '—'} |`
      );
    }),
  ];
}

/**
 * @example await appendFile(process.env.GITHUB_STEP_SUMMARY!, renderStepSummary(outcome.summary));
 */
export function renderStepSummary(summary: GateSummary, options: StepSummaryOptions = {}): string {
  const shard = summary.shard ? ` (shard ${summary.shard.index}/${summary.shard.count})` : '';
  const target = [...new Set(summary.scenarios.map((s) => s.target))].join(', ') || 'no target';
  const scale = [...new Set(summary.scenarios.map((s) => `×${s.timeScale}`))].join(', ');
  const facts = `Target ${escapeMarkdown(target)}${scale ? `, time scale ${scale}` : ''}`;
  const lines = [
    `## ${escapeMarkdown(options.title ?? 'Resilience gate')}${shard}`,
    '',
    outcomeLine(summary),
    '',
    `${facts}, harness ${escapeMarkdown(summary.harnessVersion)}.`,
    '',
    `### Findings (top ${Math.min(TOP_FINDINGS, summary.findings.length)} of ${summary.findings.length})`,
    '',
    renderFindingsMarkdown(summary.findings, { limit: TOP_FINDINGS, links: false }).trimEnd(),
    '',
    '### Runbook promises',
    '',
    ...promiseTable(summary),
    '',
    '### Scenarios',
    '',
    ...scenarioTable(summary),
    '',
  ];
  return `${lines.join('\n')}\n`;
}
