/**
 * Findings as the first screen: Markdown (the report, a CI step summary) and plain text (the
 * console). The top ones only, numbered, with a count of the rest.
 */
import { escapeMarkdown, scenarioAnchor } from '../writers/escape.js';
import type { Finding } from './finding.js';

export const TOP_FINDINGS = 3;

const MARK: Readonly<Record<Finding['impact'], string>> = {
  'records lost or altered': '🔴',
  'promise broken': '❌',
  'holds only with harness help': '🟡',
  'not exercised': '⚪',
};

export interface RenderFindingsOptions {
  /** How many to show before "and N more" (default: all). */
  readonly limit?: number;
  /** Link scenarios to `#scenario-<id>` anchors in the same document (default true). */
  readonly links?: boolean;
}

export function renderFindingsMarkdown(findings: readonly Finding[], options: RenderFindingsOptions = {}): string {
  if (findings.length === 0)
    return "_No finding: every promise cited was verified through the product's own entry point._\n";
  const shown = findings.slice(0, options.limit ?? findings.length);
  const lines = shown.map((f, i) => {
    const scenarios = f.scenarios
      .map((s) => (options.links === false ? `\`${s}\`` : `[${escapeMarkdown(s)}](#${scenarioAnchor(s)})`))
      .join(', ');
    return [
      `${i + 1}. ${MARK[f.impact]} **${escapeMarkdown(f.impact)}:** ${escapeMarkdown(f.title)}`,
      `   - Evidence: \`${f.evidence.replace(/`/g, "'")}\``,
      ...(scenarios ? [`   - Scenarios (${f.scenarios.length}): ${scenarios}`] : []),
    ].join('\n');
  });
  const rest = findings.length - shown.length;
  if (rest > 0) lines.push(`\n_…and ${rest} more finding(s) in the full report._`);
  return `${lines.join('\n')}\n`;
}

export function renderFindingsText(findings: readonly Finding[], limit = TOP_FINDINGS): string[] {
  if (findings.length === 0) return ['findings: none — every promise cited was verified through the entry point'];
  const lines = [`findings (${findings.length}, most severe first):`];
  findings.slice(0, limit).forEach((f, i) => {
    lines.push(`  ${i + 1}. [${f.impact}] ${f.title}`);
    lines.push(`     evidence: ${f.evidence}`);
    if (f.scenarios.length > 0) lines.push(`     scenarios: ${f.scenarios.join(', ')}`);
  });
  if (findings.length > limit) lines.push(`  …and ${findings.length - limit} more in the report`);
  return lines;
}
