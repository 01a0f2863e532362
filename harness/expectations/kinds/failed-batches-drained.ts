import { defineExpectationKind } from '../define-expectation-kind.js';
import { formatSeconds } from '../evaluation-context.js';

const MAX_LISTED = 15;

/**
 * The runbook's Verification checklist: "Failed batches being processed (if any queued)". At the
 * end of the run the failed-batch directory is empty, or every file still in it holds only records
 * that were delivered anyway (left over, but accounted for). A file holding undelivered records is
 * a queue nobody drained.
 */
export const failedBatchesDrained = defineExpectationKind({
  kind: 'failed_batches_drained',
  summary: 'At the end no failed-batch file is left, or every file left holds only records delivered anyway.',
  fields: {},
  evaluate(_spec, ctx) {
    const waiting = new Map<string, { atMs: number; ids: readonly string[] }>();
    const delivered = new Set<string>();
    for (const event of ctx.events) {
      if (event.type === 'batch-file:created') waiting.set(event.file, { atMs: event.atMs, ids: event.recordIds });
      else if (event.type === 'batch-file:archived') waiting.delete(event.file);
      else if (event.type === 'record:ingested' && event.recordId !== null) delivered.add(event.recordId);
    }
    const left = [...waiting.entries()].map(([file, { atMs, ids }]) => ({
      file,
      atMs,
      ids,
      undelivered: ids.filter((id) => !delivered.has(id)),
    }));
    const undrained = left.filter((f) => f.undelivered.length > 0);
    const undeliveredCount = undrained.reduce((sum, f) => sum + f.undelivered.length, 0);
    const evidence = left.slice(0, MAX_LISTED).map((f) => {
      const state = f.undelivered.length > 0 ? `${f.undelivered.length} undelivered` : 'all delivered anyway';
      return `left: ${f.file} (written @${formatSeconds(f.atMs)}, ${f.ids.length} record(s), ${state})`;
    });
    if (left.length > MAX_LISTED) evidence.push(`… ${left.length - MAX_LISTED} more file(s)`);
    const observed =
      left.length === 0
        ? 'no failed-batch file left'
        : undrained.length === 0
          ? `${left.length} file(s) left, every record in them delivered`
          : `${undrained.length} file(s) left holding ${undeliveredCount} undelivered record(s)`;
    return {
      name: 'failed batches drained by the end of the run',
      passed: undrained.length === 0,
      expected: 'no file left holding undelivered records',
      observed,
      evidence: evidence.length > 0 ? evidence : ['the failed-batch directory held no file at the end'],
    };
  },
});
