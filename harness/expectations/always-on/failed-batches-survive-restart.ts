/**
 * Failed batches queued for replay must outlive a restart of the process that stored them: the
 * runbook's Step 4 Option A restarts the connector (`kubectl rollout restart`), and replay comes
 * after. On a container whose store is its own ephemeral filesystem, a recreate takes the queue
 * with it; the watcher then reports the files `vanished`. Applies only to runs that restarted
 * `run` while files were waiting, or in which files vanished.
 */
import type { RunEvent } from '../../observe/events.js';
import { formatSeconds } from '../evaluation-context.js';
import { defineAlwaysOnCheck } from './define-always-on-check.js';

export const failedBatchesSurviveRestart = defineAlwaysOnCheck({
  kind: 'failed_batches_survive_restart',
  summary: 'Failed-batch files waiting when `run` was restarted are still there afterwards (none vanished).',
  promise: 'failed-batches-kept',
  evaluate(ctx) {
    const vanished = ctx.ofType('batch-file:vanished');
    const relaunches = relaunchTimes(ctx.events);
    const waitingAtRestart = relaunches.some((atMs) => waitingAt(ctx.events, atMs) > 0);
    if (vanished.length === 0 && !waitingAtRestart) return null;
    const evidence = [
      ...relaunches.map(
        (atMs) => `@${formatSeconds(atMs)} run relaunched with ${waitingAt(ctx.events, atMs)} file(s) waiting`,
      ),
      ...vanished.slice(0, 20).map((e) => `@${formatSeconds(e.atMs)} ${e.file} vanished: ${e.why}`),
    ];
    if (vanished.length > 20) evidence.push(`… ${vanished.length - 20} more vanished`);
    return {
      name: 'failed batches survive a restart',
      passed: vanished.length === 0,
      expected: 'every waiting failed-batch file still waiting (or replayed) after the restart',
      observed: vanished.length === 0 ? 'none vanished' : `${vanished.length} file(s) vanished with their store`,
      evidence,
    };
  },
});

/** Target ms of every `run` launch that replaced an earlier one of the same replica. */
function relaunchTimes(events: readonly RunEvent[]): number[] {
  const seen = new Set<number>();
  const times: number[] = [];
  for (const e of events) {
    if (e.type !== 'target:launched' || e.command !== 'run') continue;
    const replica = e.replica ?? 0;
    if (seen.has(replica)) times.push(e.atMs);
    seen.add(replica);
  }
  return times;
}

/** Files waiting (created, not yet archived or vanished) just before `atMs`. */
function waitingAt(events: readonly RunEvent[], atMs: number): number {
  const waiting = new Set<string>();
  for (const e of events) {
    if (e.atMs >= atMs) break;
    if (e.type === 'batch-file:created') waiting.add(e.file);
    if (e.type === 'batch-file:archived' || e.type === 'batch-file:vanished') waiting.delete(e.file);
  }
  return waiting.size;
}
