import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderFindingsMarkdown } from '../findings/render-findings.js';
import { describeReportHeader } from '../model/report-header.js';
import { buildReportModel, type ReportModel } from '../model/report-model.js';
import { cellText, type Table } from '../model/table.js';
import { renderTimelineSvg } from '../timeline/render-timeline-svg.js';
import { escapeMarkdown, markdownCodeBlock, scenarioAnchor } from './escape.js';
import type { ReportWriter } from './writer.js';

export interface MarkdownOptions {
  /** @default 'report.md' */
  readonly fileName?: string;
  /** Write each timeline as `timeline-<scenario>.svg` beside the report and link it. @default true */
  readonly timelineFiles?: boolean;
}

/** A promise status with its mark, as the report and the CI step summary show it. */
export const STATUS_MARK = {
  verified: '✅ verified',
  'verified with help': '🟡 verified with help',
  violated: '❌ violated',
  'not exercised': '⚪ not exercised',
} as const;

function renderTable(table: Table, empty: string): string {
  if (table.rows.length === 0) return `_${empty}_\n`;
  const lines = [
    `| ${table.headers.map(escapeMarkdown).join(' | ')} |`,
    `| ${table.headers.map(() => '---').join(' | ')} |`,
    ...table.rows.map(
      (row) =>
        `| ${row
          .map((c) => {
            const text = escapeMarkdown(cellText(c));
            return typeof c !== 'string' && c.tone === 'bad' ? `**${text}**` : text;
          })
          .join(' | ')} |`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** The report as Markdown (GitHub-flavoured: tables, `<a id>` anchors). */
export function renderMarkdownReport(
  model: ReportModel,
  options: { timelineFile?: (scenario: string) => string } = {},
): string {
  const out: string[] = [`# ${escapeMarkdown(model.title)}`, ''];
  const { passed, failed, errored, notApplicable } = model.verdict;
  const na = notApplicable > 0 ? `, ${notApplicable} not applicable` : '';
  out.push(
    `**Outcome:** ${passed} passed, ${failed} failed, ${errored} errored${na}, ${model.scenarios.length} scenarios.`,
    '',
  );
  const help = model.header.assistance.length > 0 ? model.header.assistance : model.header.shims;
  if (help.length > 0) {
    out.push(
      `> **⚠ The harness helped the connector: ${escapeMarkdown(help.join(', '))}.** ` +
        'Promises that held only in those runs are marked "verified with help", not verified.',
      '',
    );
  }
  out.push('## Findings', '', renderFindingsMarkdown(model.findings));
  out.push('## What was tested', '', '| | |', '| --- | --- |');
  for (const [label, value] of describeReportHeader(model.header))
    out.push(`| ${escapeMarkdown(label)} | ${escapeMarkdown(value)} |`);
  out.push('', '## Runbook promises', '', '| Status | Promise | Statement | Scenarios |', '| --- | --- | --- | --- |');
  for (const p of model.promises) {
    const links = p.scenarios.map((s) => `[${escapeMarkdown(s)}](#${scenarioAnchor(s)})`).join(', ') || '—';
    const noteText = p.help ? `with ${p.help.join(', ')}` : p.note;
    const note = noteText ? ` (${escapeMarkdown(noteText)})` : '';
    out.push(`| ${STATUS_MARK[p.status]}${note} | \`${p.id}\` | ${escapeMarkdown(p.statement)} | ${links} |`);
  }
  out.push('', '## Scenarios', '');
  for (const view of model.scenarios) {
    out.push(
      `<a id="${scenarioAnchor(view.id)}"></a>`,
      '',
      `### ${escapeMarkdown(view.id)}: ${escapeMarkdown(view.title)} (${view.verdict})`,
      '',
    );
    if (view.error) out.push(`> **Error:** ${escapeMarkdown(view.error)}`, '');
    for (const [label, value] of view.facts) out.push(`- **${label}:** ${escapeMarkdown(value)}`);
    out.push('');
    const timeline = options.timelineFile?.(view.id);
    if (timeline) out.push(`![Timeline of ${escapeMarkdown(view.id)}](${timeline})`, '');
    out.push('#### Expectations', '', renderTable(view.expectations, 'no expectations evaluated'));
    out.push('#### Breaker transitions', '', renderTable(view.transitions, 'no breaker transitions'));
    out.push('#### Recovery times', '', renderTable(view.recoveries, 'no recovery bound checked'));
    out.push('#### Ledger', '', renderTable(view.ledger, 'no ledger'));
    if (view.lostIds.length > 0) out.push(`Lost record ids: ${view.lostIds.map(escapeMarkdown).join(', ')}`, '');
    const integrity = view.integrity;
    if (integrity.table) {
      out.push('#### Record integrity', '', `Judged against: ${escapeMarkdown(integrity.schema ?? '')}`, '');
      out.push(renderTable(integrity.table, 'no records'));
      if (integrity.diffs.length > 0) out.push(...integrity.diffs.map((d) => `- ${escapeMarkdown(d)}`), '');
    }
    if (integrity.hypothesis.rows.length > 0)
      out.push('#### Steady-state hypothesis', '', renderTable(integrity.hypothesis, 'not checked'));
    out.push('#### Requests by status (fakes)', '', renderTable(view.requestCounts, 'no requests recorded'));
    out.push('#### Fault windows', '', renderTable(view.faults, 'no faults injected'));
    if (view.operatorShown)
      out.push(
        '#### Runbook: When to Use and Verification',
        '',
        renderTable(view.runbookLines, 'no runbook line checked'),
        '#### Alert rules (evaluated by promtool over the scraped series)',
        '',
        renderTable(view.alertRules, 'no alert rules: the target ships none and no --alert-rules was given'),
      );
    if (view.steps.rows.length > 0)
      out.push('#### Steps (numbered as on the timeline)', '', renderTable(view.steps, 'no steps'));
  }
  out.push('## Evidence appendix', '');
  if (model.evidence.length === 0) out.push('_No failed expectation and no errored scenario: nothing to show._', '');
  for (const entry of model.evidence) {
    out.push(
      `### ${escapeMarkdown(entry.scenario)}: ${escapeMarkdown(entry.expectation)}`,
      '',
      `[back to scenario](#${scenarioAnchor(entry.scenario)})`,
      '',
    );
    out.push(
      'Deciding evidence:',
      '',
      markdownCodeBlock(entry.evidence.length > 0 ? entry.evidence : ['(none recorded)']),
      '',
    );
    out.push(
      'Connector log excerpt:',
      '',
      markdownCodeBlock(entry.log.length > 0 ? entry.log : ['(no log lines kept)']),
      '',
    );
    out.push(
      'Journal excerpt (fakes):',
      '',
      markdownCodeBlock(entry.journal.length > 0 ? entry.journal : ['(no failed or faulted requests)']),
      '',
    );
  }
  return `${out.join('\n')}\n`;
}

/** `<out>/markdown/report.md`, plus `timeline-<scenario>.svg` files it links (Markdown cannot inline SVG). */
export const markdownWriter: ReportWriter<MarkdownOptions> = {
  name: 'markdown',
  async write(input, options) {
    const dir = join(input.outDir, 'markdown');
    await mkdir(dir, { recursive: true });
    const model = buildReportModel(input.results, {
      harnessVersion: input.harnessVersion,
      generatedAt: input.generatedAt,
    });
    const written: string[] = [];
    const withTimelines = options.timelineFiles ?? true;
    if (withTimelines) {
      for (const result of input.results) {
        const path = join(dir, `timeline-${result.scenario}.svg`);
        await writeFile(path, `${renderTimelineSvg(result)}\n`);
        written.push(path);
      }
    }
    const path = join(dir, options.fileName ?? 'report.md');
    await writeFile(
      path,
      renderMarkdownReport(model, withTimelines ? { timelineFile: (id) => `timeline-${id}.svg` } : {}),
    );
    return [path, ...written];
  },
};
