import type { Expectation } from '../scenario/types.js';
import type { ResultExpectation } from '../result/result-schema.js';
import type { EvaluationContext } from './evaluation-context.js';

type LedgerExpectation = Extract<Expectation, { kind: 'ledger' }>;

/** Lost records (and optionally duplicates) within bounds after the run. */
export function evaluateLedger(expectation: LedgerExpectation, ctx: EvaluationContext): ResultExpectation {
  const l = ctx.ledger;
  const lostOk = l.lost <= expectation.maxLost;
  const dupOk = expectation.maxDuplicates === undefined || l.duplicates <= expectation.maxDuplicates;
  const evidence = [`seeded ${l.seeded}, delivered ${l.delivered}, duplicates ${l.duplicates}, in failed batches ${l.inFailedBatches}, replayed ${l.replayed}, lost ${l.lost}, rejected ${l.rejected}`];
  if (l.lostIds.length > 0) evidence.push(`lost ids: ${l.lostIds.join(', ')}`);
  if (l.duplicateIds.length > 0) evidence.push(`duplicated ids: ${l.duplicateIds.map((d) => `${d.id}×${d.deliveries}`).join(', ')}`);
  return {
    name: expectation.maxDuplicates === undefined ? 'record ledger: lost' : 'record ledger: lost and duplicates',
    kind: expectation.kind,
    passed: lostOk && dupOk,
    expected: expectation.maxDuplicates === undefined ? { lost: `≤ ${expectation.maxLost}` } : { lost: `≤ ${expectation.maxLost}`, duplicates: `≤ ${expectation.maxDuplicates}` },
    observed: expectation.maxDuplicates === undefined ? { lost: l.lost } : { lost: l.lost, duplicates: l.duplicates },
    evidence,
    ...(expectation.promise ? { promise: expectation.promise } : {}),
  };
}
