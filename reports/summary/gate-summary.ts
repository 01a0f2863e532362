import type { ScenarioResultFile, Verdict } from '../../harness/result/result-schema.js';
import { RUNBOOK_PROMISES } from '../../scenarios/promises.js';
import { buildFindings } from '../findings/build-findings.js';
import type { Finding } from '../findings/finding.js';
import { computePromiseStatuses, type PromiseVerdict } from '../model/promise-status.js';

export type GateExitCode = 0 | 1 | 2;

export interface ShardInfo {
  /** 1-based shard number. */
  readonly index: number;
  readonly count: number;
  /** The whole suite before sharding, so a merge can tell when a shard's results are missing. */
  readonly fullSuite: readonly string[];
}

/** `<out>/json/summary.json`: the gate's machine-readable outcome. */
export interface GateSummary {
  readonly schemaVersion: 1;
  readonly kind: 'chaos-gate-summary';
  readonly generatedAt: string;
  readonly harnessVersion: string;
  readonly verdict: Verdict;
  readonly exitCode: GateExitCode;
  /** Scenario ids this run was meant to cover (a shard's own selection when sharded). */
  readonly suite: readonly string[];
  readonly shard?: ShardInfo;
  /** Ids in `suite` with no result file: counted as infrastructure errors. */
  readonly missing: readonly string[];
  readonly totals: {
    readonly scenarios: number;
    readonly passed: number;
    readonly failed: number;
    readonly errored: number;
    /** Scenarios the target could not run without help it was not given (promises: not exercised). */
    readonly notApplicable: number;
    readonly missing: number;
    readonly expectations: number;
    readonly expectationsFailed: number;
  };
  readonly scenarios: readonly GateScenarioSummary[];
  /** What matters first, ranked by impact (reports/findings). */
  readonly findings: readonly Finding[];
  readonly promises: readonly {
    readonly id: string;
    readonly status: PromiseVerdict;
    readonly scenarios: readonly string[];
  }[];
}

export interface GateScenarioSummary {
  readonly id: string;
  readonly title: string;
  readonly target: string;
  readonly verdict: Verdict;
  readonly error?: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly timeScale: number;
  readonly seed: number;
  readonly shims: readonly string[];
  /** Result file, relative to the out dir. */
  readonly resultFile: string;
  readonly expectations: readonly {
    readonly name: string;
    readonly kind: string;
    readonly passed: boolean;
    readonly promise?: string;
    readonly expected: unknown;
    readonly observed: unknown;
  }[];
}

/**
 * Exit code of a gate run. A failed expectation gives 1 wherever it comes from, also from a
 * scenario that then errored (a breaker that never opens makes the next step's wait run out
 * the deadline): it is a broken promise with evidence, and a CI that retries on 2 must not
 * retry it away. Otherwise any errored or missing scenario gives 2; only a complete green
 * suite gives 0. A `not_applicable` scenario (the target cannot run it without help it was not
 * given) changes no exit code: its promises are reported as not exercised, with the help named.
 */
export function computeGateExitCode(
  results: readonly Pick<ScenarioResultFile, 'verdict' | 'expectations'>[],
  missing: readonly string[],
): GateExitCode {
  if (results.some((r) => r.verdict === 'failed' || r.expectations.some((e) => !e.passed))) return 1;
  if (missing.length > 0 || results.some((r) => r.verdict === 'error')) return 2;
  return 0;
}

export interface BuildGateSummaryInput {
  readonly results: readonly ScenarioResultFile[];
  readonly harnessVersion: string;
  readonly generatedAt: Date;
  /** Defaults to the ids of `results`. */
  readonly suite?: readonly string[];
  readonly shard?: ShardInfo;
}

/** @example const summary = buildGateSummary({ results, harnessVersion: '0.1.0', generatedAt: new Date() }); */
export function buildGateSummary(input: BuildGateSummaryInput): GateSummary {
  const results = [...input.results].sort((a, b) => a.scenario.localeCompare(b.scenario));
  const ids = new Set(results.map((r) => r.scenario));
  const suite = [...(input.suite ?? [...ids])].sort();
  const missing = suite.filter((id) => !ids.has(id));
  const exitCode = computeGateExitCode(results, missing);
  const expectations = results.flatMap((r) => r.expectations);
  const promises = computePromiseStatuses(results, RUNBOOK_PROMISES);
  return {
    schemaVersion: 1,
    kind: 'chaos-gate-summary',
    generatedAt: input.generatedAt.toISOString(),
    harnessVersion: input.harnessVersion,
    verdict: exitCode === 0 ? 'passed' : exitCode === 1 ? 'failed' : 'error',
    exitCode,
    suite,
    ...(input.shard ? { shard: { ...input.shard, fullSuite: [...input.shard.fullSuite].sort() } } : {}),
    missing,
    totals: {
      scenarios: results.length,
      passed: results.filter((r) => r.verdict === 'passed').length,
      failed: results.filter((r) => r.verdict === 'failed').length,
      errored: results.filter((r) => r.verdict === 'error').length,
      notApplicable: results.filter((r) => r.verdict === 'not_applicable').length,
      missing: missing.length,
      expectations: expectations.length,
      expectationsFailed: expectations.filter((e) => !e.passed).length,
    },
    scenarios: results.map((r) => ({
      id: r.scenario,
      title: r.title,
      target: r.target,
      verdict: r.verdict,
      ...(r.error !== undefined ? { error: r.error } : {}),
      startedAt: r.startedAt,
      durationMs: r.durationMs,
      timeScale: r.timeScale,
      seed: r.seed,
      shims: r.shims,
      resultFile: `${r.scenario}.json`,
      expectations: r.expectations.map((e) => ({
        name: e.name,
        kind: e.kind,
        passed: e.passed,
        ...(e.promise !== undefined ? { promise: e.promise } : {}),
        expected: e.expected,
        observed: e.observed,
      })),
    })),
    findings: buildFindings(results, promises),
    promises: promises.map((p) => ({
      id: p.id,
      status: p.status,
      scenarios: p.scenarios,
    })),
  };
}
