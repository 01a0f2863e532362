import type { ResultExpectation } from '../result/result-schema.js';
import type { Expectation } from '../scenario/types.js';
import type { EvaluationContext } from './evaluation-context.js';

type LedgerExpectation = Extract<Expectation, { kind: 'ledger' }>;

/**
 * Lost records (and optionally duplicates and undelivered records) within bounds after the run.
 * @note "Undelivered" counts records still waiting in failed-batch files: a connector that keeps
 * every failed batch but never replays it loses nothing, yet does not keep a replay promise.
 */
export function evaluateLedger(expectation: LedgerExpectation, ctx: EvaluationContext): ResultExpectation {
  const l = ctx.ledger;
  const undelivered = l.seeded - l.delivered;
  const bounds: Array<[label: string, observed: number, max: number | undefined]> = [
    ['lost', l.lost, expectation.maxLost],
    ['duplicates', l.duplicates, expectation.maxDuplicates],
    ['undelivered', undelivered, expectation.maxUndelivered],
  ];
  const checked = bounds.filter(([, , max]) => max !== undefined) as Array<[string, number, number]>;
  const evidence = [
    `seeded ${l.seeded}, delivered ${l.delivered}, duplicates ${l.duplicates}, in failed batches ${l.inFailedBatches}, replayed ${l.replayed}, lost ${l.lost}, rejected ${l.rejected}`,
  ];
  if (l.lostIds.length > 0) evidence.push(`lost ids: ${l.lostIds.join(', ')}`);
  if (l.duplicateIds.length > 0)
    evidence.push(`duplicated ids: ${l.duplicateIds.map((d) => `${d.id}×${d.deliveries}`).join(', ')}`);
  return {
    name: `record ledger: ${checked.map(([label]) => label).join(', ')}`,
    kind: expectation.kind,
    passed: checked.every(([, observed, max]) => observed <= max),
    expected: Object.fromEntries(checked.map(([label, , max]) => [label, `≤ ${max}`])),
    observed: Object.fromEntries(checked.map(([label, observed]) => [label, observed])),
    evidence,
    ...(expectation.promise ? { promise: expectation.promise } : {}),
  };
}
