import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../findings/finding.js';
import { describeReportHeader } from '../model/report-header.js';
import { buildReportModel, type ReportModel } from '../model/report-model.js';
import { type Cell, cellText, type Table } from '../model/table.js';
import { renderTimelineSvg } from '../timeline/render-timeline-svg.js';
import { escapeHtml, scenarioAnchor } from './escape.js';
import { HTML_REPORT_CSS } from './html-style.js';
import type { ReportWriter } from './writer.js';

const NO_ALERT_RULES = 'no alert rules: the target ships none and no --alert-rules was given';

export interface HtmlOptions {
  /** @default 'report.html' */
  readonly fileName?: string;
}

const renderCell = (cell: Cell): string => {
  const text = escapeHtml(cellText(cell));
  if (typeof cell === 'string') return `<td>${text}</td>`;
  const inner = cell.href ? `<a href="${escapeHtml(cell.href)}">${text}</a>` : text;
  return `<td>${cell.tone ? `<span class="badge tone-${cell.tone}">${inner}</span>` : inner}</td>`;
};

function renderTable(table: Table, empty: string, className = ''): string {
  if (table.rows.length === 0) return `<p class="empty">${escapeHtml(empty)}</p>`;
  const headers = table.headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  return [
    `<table${className ? ` class="${className}"` : ''}><thead><tr>${headers}</tr></thead><tbody>`,
    ...table.rows.map((row) => `<tr>${row.map(renderCell).join('')}</tr>`),
    `</tbody></table>`,
  ].join('\n');
}

const facts = (pairs: readonly (readonly [string, string])[]): string =>
  `<dl class="facts">${pairs.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>`;

const pre = (lines: readonly string[], empty: string): string =>
  `<pre>${escapeHtml((lines.length > 0 ? lines : [empty]).join('\n'))}</pre>`;

function renderPromiseTable(model: ReportModel): string {
  const rows = model.promises.map((p) => {
    const tone =
      p.status === 'verified'
        ? 'good'
        : p.status === 'violated'
          ? 'bad'
          : p.status === 'verified with help'
            ? 'help'
            : 'muted';
    const noteText = p.help ? `with ${p.help.join(', ')}` : p.note;
    const note = noteText ? ` <small>${escapeHtml(noteText)}</small>` : '';
    const status = `<span class="badge tone-${tone}">${escapeHtml(p.status)}</span>${note}`;
    const links = p.scenarios.map((s) => `<a href="#${scenarioAnchor(s)}">${escapeHtml(s)}</a>`).join(', ') || '—';
    return (
      `<tr data-promise="${escapeHtml(p.id)}" data-status="${escapeHtml(p.status)}">` +
      `<td>${status}</td><td><code>${escapeHtml(p.id)}</code></td><td>${escapeHtml(p.statement)}</td>` +
      `<td>${escapeHtml(p.source)}</td><td>${links}</td></tr>`
    );
  });
  return [
    '<table class="promise-table" id="promise-table"><thead><tr>' +
      '<th>Status</th><th>Promise</th><th>Statement</th><th>Source</th><th>Scenarios</th>' +
      '</tr></thead><tbody>',
    ...rows,
    `</tbody></table>`,
  ].join('\n');
}

const FINDING_TONE: Readonly<Record<Finding['impact'], string>> = {
  'records lost or altered': 'bad',
  'promise broken': 'bad',
  'holds only with harness help': 'help',
  'not exercised': 'muted',
};

function renderFindings(model: ReportModel): string {
  if (model.findings.length === 0)
    return `<p class="empty">No finding: every promise cited was verified through the product's own entry point.</p>`;
  const items = model.findings.map((f) => {
    const links = f.scenarios.map((s) => `<a href="#${scenarioAnchor(s)}">${escapeHtml(s)}</a>`).join(', ');
    return (
      `<li data-impact="${escapeHtml(f.impact)}"><span class="badge tone-${FINDING_TONE[f.impact]}">` +
      `${escapeHtml(f.impact)}</span> ${escapeHtml(f.title)}` +
      `<span class="evidence"><code>${escapeHtml(f.evidence)}</code></span>` +
      (links ? `<span class="evidence">Scenarios: ${links}</span>` : '') +
      '</li>'
    );
  });
  return `<ol class="findings" id="findings-list">${items.join('')}</ol>`;
}

/** The report as one self-contained HTML document: inline CSS and SVG, no scripts, no external assets. */
export function renderHtmlReport(model: ReportModel): string {
  const { passed, failed, errored, notApplicable } = model.verdict;
  const na = notApplicable > 0 ? `<span class="badge tone-muted">${notApplicable} not applicable</span> ` : '';
  const body: string[] = [
    `<h1>${escapeHtml(model.title)}</h1>`,
    `<p class="outcome"><span class="badge verdict-passed">${passed} passed</span> ` +
      `<span class="badge verdict-failed">${failed} failed</span> ` +
      `<span class="badge verdict-error">${errored} errored</span> ${na}of ${model.scenarios.length} scenarios</p>`,
  ];
  const help = model.header.assistance.length > 0 ? model.header.assistance : model.header.shims;
  if (help.length > 0) {
    body.push(
      `<div class="shims-warning" id="shims-warning">⚠ The harness helped the connector: ` +
        `${escapeHtml(help.join(', '))}. Promises that held only in those runs are marked ` +
        '"verified with help", not verified.</div>',
    );
  }
  body.push(`<h2 id="findings">Findings</h2>`, renderFindings(model));
  const scenarioLinks = model.scenarios.map((s) => `<a href="#${scenarioAnchor(s.id)}">${escapeHtml(s.id)}</a>`);
  body.push(
    '<nav class="toc">Jump to: <a href="#findings">Findings</a><a href="#what-was-tested">What was tested</a>' +
      '<a href="#promises">Promises</a>' +
      `${scenarioLinks.join('')}<a href="#evidence">Evidence</a></nav>`,
  );
  body.push(`<h2 id="what-was-tested">What was tested</h2>`, facts(describeReportHeader(model.header)));
  body.push(`<h2 id="promises">Runbook promises</h2>`);
  body.push(renderPromiseTable(model));
  body.push(`<h2 id="scenarios">Scenarios</h2>`);
  model.scenarios.forEach((view, i) => {
    const result = model.results[i];
    // The model builds one view per result, in the same order.
    if (!result) throw new Error(`Failed to write the HTML report: no result for scenario ${view.id}.`);
    body.push(`<section class="scenario" id="${scenarioAnchor(view.id)}">`);
    body.push(
      `<h3>${escapeHtml(view.id)}: ${escapeHtml(view.title)} ` +
        `<span class="badge verdict-${view.verdict}">${view.verdict}</span></h3>`,
    );
    if (view.error) body.push(`<div class="error-box"><strong>Error:</strong> ${escapeHtml(view.error)}</div>`);
    body.push(facts(view.facts));
    body.push(`<figure class="timeline">${renderTimelineSvg(result, { idPrefix: `tl-${i}-${view.id}` })}</figure>`);
    body.push(`<h4>Expectations</h4>`, renderTable(view.expectations, 'no expectations evaluated'));
    body.push(`<h4>Breaker transitions</h4>`, renderTable(view.transitions, 'no breaker transitions'));
    body.push(`<h4>Recovery times</h4>`, renderTable(view.recoveries, 'no recovery bound checked'));
    body.push(`<h4>Ledger</h4>`, renderTable(view.ledger, 'no ledger'));
    if (view.lostIds.length > 0)
      body.push(`<p>Lost record ids: <code>${escapeHtml(view.lostIds.join(', '))}</code></p>`);
    const integrity = view.integrity;
    if (integrity.table) {
      body.push(`<h4>Record integrity</h4>`, `<p>Judged against: ${escapeHtml(integrity.schema ?? '')}</p>`);
      body.push(renderTable(integrity.table, 'no records'));
      if (integrity.diffs.length > 0)
        body.push(
          `<ul class="diffs">${integrity.diffs.map((d) => `<li><code>${escapeHtml(d)}</code></li>`).join('')}</ul>`,
        );
    }
    if (integrity.hypothesis.rows.length > 0)
      body.push(`<h4>Steady-state hypothesis</h4>`, renderTable(integrity.hypothesis, 'not checked'));
    body.push(`<h4>Requests by status (fakes)</h4>`, renderTable(view.requestCounts, 'no requests recorded'));
    body.push(`<h4>Fault windows</h4>`, renderTable(view.faults, 'no faults injected'));
    if (view.operatorShown)
      body.push(
        `<h4>Runbook: When to Use and Verification</h4>`,
        `<div class="runbook-lines">${renderTable(view.runbookLines, 'no runbook line checked')}</div>`,
        `<h4>Alert rules (evaluated by promtool over the scraped series)</h4>`,
        `<div class="alert-rules">${renderTable(view.alertRules, NO_ALERT_RULES)}</div>`,
      );
    if (view.steps.rows.length > 0)
      body.push(`<h4>Steps (numbered as on the timeline)</h4>`, renderTable(view.steps, 'no steps'));
    body.push(`</section>`);
  });
  body.push(`<h2 id="evidence">Evidence appendix</h2>`);
  if (model.evidence.length === 0)
    body.push(`<p class="empty">No failed expectation and no errored scenario: nothing to show.</p>`);
  for (const entry of model.evidence) {
    body.push(
      `<section class="evidence"><h3>${escapeHtml(entry.scenario)}: ${escapeHtml(entry.expectation)}</h3>` +
        `<p><a href="#${scenarioAnchor(entry.scenario)}">back to scenario</a></p>`,
    );
    body.push(`<h4>Deciding evidence</h4>`, pre(entry.evidence, '(none recorded)'));
    body.push(`<h4>Connector log excerpt</h4>`, pre(entry.log, '(no log lines kept)'));
    body.push(`<h4>Journal excerpt (fakes)</h4>`, pre(entry.journal, '(no failed or faulted requests)'), `</section>`);
  }
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // No network even by accident: the policy forbids every fetch, so a stray URL in a log line
    // cannot load anything.
    '<meta http-equiv="Content-Security-Policy"' +
      ` content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<title>${escapeHtml(model.title)}</title>`,
    `<style>${HTML_REPORT_CSS}</style>`,
    '</head><body><main>',
    ...body,
    '</main></body></html>',
    '',
  ].join('\n');
}

/** `<out>/html/report.html`: the whole report in one file. */
export const htmlWriter: ReportWriter<HtmlOptions> = {
  name: 'html',
  async write(input, options) {
    const dir = join(input.outDir, 'html');
    await mkdir(dir, { recursive: true });
    const path = join(dir, options.fileName ?? 'report.html');
    const model = buildReportModel(input.results, {
      harnessVersion: input.harnessVersion,
      generatedAt: input.generatedAt,
    });
    await writeFile(path, renderHtmlReport(model));
    return [path];
  },
};
