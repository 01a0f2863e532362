/**
 * When each record was delivered and when each failed-batch file came and went, read once from a
 * run's events for the kinds that judge files and one-shot commands against them.
 */
import type { EvaluationContext } from '../evaluation-context.js';

export interface BatchFile {
  readonly file: string;
  readonly recordIds: readonly string[];
  readonly createdAtMs: number;
  readonly archivedAtMs: number | null;
}

export interface RecordTimeline {
  /** First delivery of each record, target ms. */
  readonly firstDeliveredAtMs: ReadonlyMap<string, number>;
  readonly files: readonly BatchFile[];
  /** Whether `id` was delivered at or before `atMs`. */
  deliveredBy(id: string, atMs: number): boolean;
}

export function recordTimeline(ctx: EvaluationContext): RecordTimeline {
  const firstDeliveredAtMs = new Map<string, number>();
  for (const r of ctx.ofType('record:ingested'))
    if (r.recordId !== null && !firstDeliveredAtMs.has(r.recordId)) firstDeliveredAtMs.set(r.recordId, r.atMs);
  const files = new Map<string, BatchFile>();
  for (const e of ctx.events) {
    if (e.type === 'batch-file:created')
      files.set(e.file, { file: e.file, recordIds: e.recordIds, createdAtMs: e.atMs, archivedAtMs: null });
    if (e.type === 'batch-file:archived') {
      const known = files.get(e.file);
      if (known) files.set(e.file, { ...known, archivedAtMs: e.atMs });
    }
  }
  return {
    firstDeliveredAtMs,
    files: [...files.values()],
    deliveredBy: (id, atMs) => (firstDeliveredAtMs.get(id) ?? Number.POSITIVE_INFINITY) <= atMs,
  };
}
