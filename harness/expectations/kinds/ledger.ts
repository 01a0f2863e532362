import { count } from '../../../common/validation/index.js';
import { defineExpectationKind } from '../define-expectation-kind.js';

/**
 * Lost records (and optionally duplicates, undelivered and re-read records) within bounds after the run.
 * @note "Undelivered" counts records still waiting in failed-batch files: a connector that keeps
 * every failed batch but never replays it loses nothing, yet does not keep a replay promise.
 * @note "Re-read" counts records that were stored in a failed batch and then delivered by the run
 * process reading the source again, not by replay: they arrived, but not by the path the runbook
 * promises, and a source that moves or expires its objects would have lost them.
 */
export const ledger = defineExpectationKind({
  kind: 'ledger',
  summary: 'After the run: lost ≤ maxLost, and optionally duplicates and undelivered records within bounds.',
  fields: {
    maxLost: count({ required: true }),
    maxDuplicates: count(),
    maxUndelivered: count(),
    maxReRead: count(),
  },
  evaluate(spec, ctx) {
    const l = ctx.ledger;
    const undelivered = l.seeded - l.delivered;
    const bounds: Array<[label: string, observed: number, max: number | undefined]> = [
      ['lost', l.lost, spec.maxLost],
      ['duplicates', l.duplicates, spec.maxDuplicates],
      ['undelivered', undelivered, spec.maxUndelivered],
      ['reRead', l.integrity?.reRead ?? 0, spec.maxReRead],
    ];
    const checked = bounds.filter((b): b is [string, number, number] => b[2] !== undefined);
    const evidence = [
      `seeded ${l.seeded}, delivered ${l.delivered}, duplicates ${l.duplicates}, ` +
        `in failed batches ${l.inFailedBatches}, replayed ${l.replayed}, lost ${l.lost}, rejected ${l.rejected}`,
    ];
    if (l.lostIds.length > 0) evidence.push(`lost ids: ${l.lostIds.join(', ')}`);
    const reRead = l.records.filter((r) => r.reRead).map((r) => r.id);
    if (reRead.length > 0)
      evidence.push(`re-read (stored, then delivered by run from the source): ${reRead.slice(0, 30).join(', ')}`);
    if (l.duplicateIds.length > 0)
      evidence.push(`duplicated ids: ${l.duplicateIds.map((d) => `${d.id}×${d.deliveries}`).join(', ')}`);
    return {
      name: `record ledger: ${checked.map(([label]) => label).join(', ')}`,
      passed: checked.every(([, observed, max]) => observed <= max),
      expected: Object.fromEntries(checked.map(([label, , max]) => [label, `≤ ${max}`])),
      observed: Object.fromEntries(checked.map(([label, observed]) => [label, observed])),
      evidence,
    };
  },
});
