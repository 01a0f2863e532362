/**
 * Public surface of reports/: the gate, the report writers, and the pure model behind them.
 *
 * @example
 * import { loadResultFiles, writeReports } from './reports/index.js';
 * await writeReports(
 *   { results: await loadResultFiles('out'), outDir: 'out', harnessVersion: '0.1.0', generatedAt: new Date() },
 *   ['markdown', 'html'],
 * );
 */

export type { GateEngine, GateRunOptions } from './gate/gate-engine.js';
export { loadHarnessEngine } from './gate/gate-engine.js';
export type { MergeOutcome, MergeShardsOptions } from './gate/merge-shards.js';
export { mergeShardOutputs } from './gate/merge-shards.js';
export type { GateOptions, GateOutcome } from './gate/run-gate.js';
export { resolveGateSuite, runGate } from './gate/run-gate.js';
export type { ShardSpec } from './gate/shard.js';
export { parseShard, selectShard } from './gate/shard.js';
export { defaultConcurrencyFor } from './gate/target-concurrency.js';
export { describeTags, resolveSuite, type SuiteSelection } from './gate-suite.js';
export { readHarnessVersion } from './harness-version.js';
export type { PromiseStatus, PromiseVerdict } from './model/promise-status.js';
export { computePromiseStatuses } from './model/promise-status.js';
export type { ReportModel } from './model/report-model.js';
export { buildReportModel } from './model/report-model.js';
export { GateUsageError, ReportError, ReportInputError } from './report-error.js';
export { loadResultFiles, sortResults } from './results/load-result-files.js';
export { validateResultFile } from './results/validate-result-file.js';
export type { GateExitCode, GateScenarioSummary, GateSummary, ShardInfo } from './summary/gate-summary.js';
export { buildGateSummary, computeGateExitCode } from './summary/gate-summary.js';
export type { StepSummaryOptions } from './summary/step-summary.js';
export { renderStepSummary } from './summary/step-summary.js';
export { renderTimelineSvg } from './timeline/render-timeline-svg.js';
export { renderHtmlReport } from './writers/html-writer.js';
export { formatFailureMessage } from './writers/junit-writer.js';
export { renderMarkdownReport } from './writers/markdown-writer.js';
export type { WriterName, WriterOptionsMap, WriterWithOptions } from './writers/registry.js';
export { isWriterName, REPORT_WRITERS, writeReports } from './writers/registry.js';
export type { ReportWriter, WriterInput } from './writers/writer.js';
