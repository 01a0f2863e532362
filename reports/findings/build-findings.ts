/**
 * Findings from a set of results: violated expectations grouped by their FIRST CAUSE, then the
 * promises that hold only with help or were not exercised.
 *
 *   scenario whose uploads never reached Sentinel ─▶ every failure in it: "blocked by <top error>"
 *   scenario that errored                          ─▶ every failure in it: "run errored: <message>"
 *   otherwise                                      ─▶ each failure by its kind and masked verdict
 *
 * One identical error behind the failures of every scenario thus becomes ONE finding naming all
 * of them, instead of forty rows. Ranked: records lost or altered, broken promises, help, gaps.
 */
import type { ResultExpectation, ScenarioResultFile } from '../../harness/result/result-schema.js';
import { errorSignature as mask } from '../../harness/run/target-errors.js';
import type { PromiseStatus } from '../model/promise-status.js';
import { type Finding, type FindingImpact, impactRank } from './finding.js';

/** Kinds whose failure means records did not arrive as they were read (when the ledger shows it). */
const DATA_KINDS = new Set(['ledger', 'failed_calls_accounted', 'archives_only_delivered', 'failed_batches_drained']);
const MAX_LINE = 220;

interface Group {
  impact: FindingImpact;
  title: string;
  evidence: string;
  readonly scenarios: Set<string>;
  readonly expectations: string[];
  readonly promises: Set<string>;
}

export function buildFindings(results: readonly ScenarioResultFile[], promises: readonly PromiseStatus[]): Finding[] {
  const groups = new Map<string, Group>();
  for (const result of results) {
    const failed = result.expectations.filter((e) => !e.passed);
    if (failed.length === 0 && result.verdict !== 'error') continue;
    const blocker = scenarioBlocker(result);
    for (const expectation of failed) {
      const cause = blocker ?? expectationCause(expectation);
      const group = groups.get(cause.key) ?? newGroup(groups, cause);
      group.scenarios.add(result.scenario);
      group.expectations.push(`${result.scenario}: ${expectation.name}`);
      if (expectation.promise) group.promises.add(expectation.promise);
      if (isDataLoss(expectation, result)) group.impact = 'records lost or altered';
    }
    if (failed.length === 0 && blocker) newGroupOrGet(groups, blocker).scenarios.add(result.scenario);
  }
  const findings: Finding[] = [...groups.values()].map((g) => ({
    impact: g.impact,
    title: g.title,
    evidence: g.evidence,
    scenarios: [...g.scenarios].sort(),
    expectations: g.expectations,
    promises: [...g.promises].sort(),
  }));
  findings.push(...promiseFindings(promises));
  return findings.sort(
    (a, b) =>
      impactRank(a.impact) - impactRank(b.impact) ||
      b.scenarios.length - a.scenarios.length ||
      b.expectations.length - a.expectations.length,
  );
}

interface Cause {
  readonly key: string;
  readonly title: string;
  readonly evidence: string;
}

function newGroup(groups: Map<string, Group>, cause: Cause): Group {
  const group: Group = {
    impact: 'promise broken',
    title: cause.title,
    evidence: cause.evidence,
    scenarios: new Set(),
    expectations: [],
    promises: new Set(),
  };
  groups.set(cause.key, group);
  return group;
}

function newGroupOrGet(groups: Map<string, Group>, cause: Cause): Group {
  return groups.get(cause.key) ?? newGroup(groups, cause);
}

/** What stopped a whole scenario, so that all its failures share it: no upload ever, or a run error. */
function scenarioBlocker(result: ScenarioResultFile): Cause | null {
  const noUploads = result.expectations.find((e) => e.kind === 'uploads_reached_sentinel' && !e.passed);
  if (noUploads) {
    // The FIRST error the target logged, not the most frequent: what follows it (breaker OPEN
    // rejections, "batch failed" lines) is usually its consequence, and repeats more often.
    const top = [...(result.targetErrors ?? [])].sort((a, b) => a.firstAtMs - b.firstAtMs)[0];
    return {
      key: `blocked:${top?.signature ?? 'no error logged'}`,
      title: top
        ? `No upload reaches Sentinel; the target logs: ${clip(top.signature)}`
        : 'No upload reaches Sentinel, and the target logs no error',
      evidence: top ? clip(top.firstLine) : clip(noUploads.evidence[0] ?? String(noUploads.observed)),
    };
  }
  if (result.verdict === 'error' && result.error) {
    const signature = mask(result.error.split('\n')[0] ?? '');
    return { key: `error:${signature}`, title: `The run errored: ${clip(signature)}`, evidence: clip(result.error) };
  }
  return null;
}

function expectationCause(expectation: ResultExpectation): Cause {
  const observed =
    typeof expectation.observed === 'string' ? expectation.observed : JSON.stringify(expectation.observed);
  const title = `${expectation.name}: ${observed ?? 'no observation'}`;
  return {
    key: `${expectation.kind}:${mask(title)}`,
    title: clip(title),
    evidence: clip(expectation.evidence[0] ?? `expected ${JSON.stringify(expectation.expected)}`),
  };
}

function isDataLoss(expectation: ResultExpectation, result: ScenarioResultFile): boolean {
  if (expectation.kind === 'records_unaltered') return true;
  const integrity = result.ledger.integrity;
  const damaged =
    result.ledger.lost > 0 || (integrity !== undefined && integrity.altered + integrity.missingFields > 0);
  return DATA_KINDS.has(expectation.kind) && damaged;
}

function promiseFindings(promises: readonly PromiseStatus[]): Finding[] {
  const out: Finding[] = [];
  const helped = promises.filter((p) => p.status === 'verified with help');
  if (helped.length > 0) {
    const help = [...new Set(helped.flatMap((p) => p.help ?? []))].sort();
    out.push({
      impact: 'holds only with harness help',
      title: `${helped.length} promise(s) hold only with harness help (${help.join(', ')}): ${ids(helped)}`,
      evidence: 'the same promises were not verified through the product’s own entry point in this run',
      scenarios: [...new Set(helped.flatMap((p) => p.scenarios))].sort(),
      expectations: [],
      promises: helped.map((p) => p.id),
    });
  }
  const gaps = promises.filter((p) => p.status === 'not exercised');
  if (gaps.length > 0) {
    const notes = gaps.flatMap((p) => (p.note ? [`${p.id}: ${p.note}`] : []));
    out.push({
      impact: 'not exercised',
      title: `${gaps.length} promise(s) not exercised: ${ids(gaps)}`,
      evidence: clip(notes[0] ?? 'no scenario in this run cites them, or every run that does stopped early'),
      scenarios: [...new Set(gaps.flatMap((p) => p.scenarios))].sort(),
      expectations: [],
      promises: gaps.map((p) => p.id),
    });
  }
  return out;
}

function ids(promises: readonly PromiseStatus[]): string {
  return promises.map((p) => p.id).join(', ');
}

function clip(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > MAX_LINE ? `${line.slice(0, MAX_LINE - 1)}…` : line;
}
