import type { ScenarioResultFile } from '../../harness/result/result-schema.js';
import { RUNBOOK_PROMISES, type RunbookPromise } from '../../scenarios/promises.js';
import { buildFindings } from '../findings/build-findings.js';
import type { Finding } from '../findings/finding.js';
import { collectEvidence, type EvidenceEntry } from './evidence.js';
import { computePromiseStatuses, type PromiseStatus } from './promise-status.js';
import { buildReportHeader, type ReportHeader } from './report-header.js';
import { buildScenarioView, type ScenarioView } from './scenario-view.js';

/** The pre-release report, independent of format: Markdown and HTML both render this. */
export interface ReportModel {
  readonly title: string;
  readonly header: ReportHeader;
  readonly verdict: {
    readonly passed: number;
    readonly failed: number;
    readonly errored: number;
    readonly notApplicable: number;
  };
  /** What matters first: violated expectations grouped by first cause, ranked by impact. */
  readonly findings: readonly Finding[];
  readonly promises: readonly PromiseStatus[];
  readonly scenarios: readonly ScenarioView[];
  readonly evidence: readonly EvidenceEntry[];
  /** The results themselves, for the timelines. */
  readonly results: readonly ScenarioResultFile[];
}

export interface BuildReportModelOptions {
  readonly harnessVersion: string;
  readonly generatedAt: Date;
  /** @default RUNBOOK_PROMISES */
  readonly promises?: readonly RunbookPromise[];
  readonly title?: string;
}

/**
 * @example
 * const model = buildReportModel(await loadResultFiles('out'), { harnessVersion, generatedAt: new Date() });
 */
export function buildReportModel(
  results: readonly ScenarioResultFile[],
  options: BuildReportModelOptions,
): ReportModel {
  const promises = computePromiseStatuses(results, options.promises ?? RUNBOOK_PROMISES);
  return {
    title: options.title ?? 'Pre-release resilience verification report',
    header: buildReportHeader(results, options.harnessVersion, options.generatedAt),
    verdict: {
      passed: results.filter((r) => r.verdict === 'passed').length,
      failed: results.filter((r) => r.verdict === 'failed').length,
      errored: results.filter((r) => r.verdict === 'error').length,
      notApplicable: results.filter((r) => r.verdict === 'not_applicable').length,
    },
    findings: buildFindings(results, promises),
    promises,
    scenarios: results.map(buildScenarioView),
    evidence: collectEvidence(results),
    results,
  };
}
