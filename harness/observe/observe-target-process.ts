/**
 * Feeds one target process's log records onto the bus: every record as `log:record` (with the
 * level and timestamp the target's own parser reads), and what that parser recognises: breaker
 * transitions (checked against the tracker), cached secret use and rejected records.
 */
import type { TargetCommand } from '../domain/target-command.js';
import type { PreparedTarget, TargetProcess } from '../targets/target.js';
import type { BreakerTracker } from './breaker-tracker.js';
import type { EventBus } from './event-bus.js';

export function observeTargetProcess(
  process: TargetProcess,
  command: TargetCommand,
  prepared: Pick<PreparedTarget, 'readLogRecord'>,
  bus: EventBus,
  tracker: BreakerTracker,
): () => void {
  const tag = process.replica === undefined ? {} : { replica: process.replica };
  return process.onLogRecord((record, stream) => {
    const read = prepared.readLogRecord(record);
    bus.emit({
      type: 'log:record',
      command,
      stream,
      record,
      level: read.level,
      message: read.message,
      loggedAtMs: read.loggedAtMs,
      ...tag,
    });
    for (const event of read.events) {
      if (event.kind === 'breaker_transition') {
        const { expectedFrom, consistent } = tracker.observe(process.pid, event.breaker, event.from, event.to);
        const { breaker, from, to, line } = event;
        const loggedAtMs = read.loggedAtMs;
        const transition = { breaker, from, to, expectedFrom, consistent, line, loggedAtMs };
        bus.emit({ type: 'breaker:transitioned', command, pid: process.pid, ...transition, ...tag });
      } else if (event.kind === 'secret_served_from_cache') {
        bus.emit({
          type: 'secret:served-from-cache',
          secretName: event.secretName,
          breaker: event.breaker,
          line: event.line,
        });
      } else if (event.kind === 'batch_stored' || event.kind === 'batch_failed') {
        const outcome = event.kind === 'batch_stored' ? 'stored' : 'failed';
        bus.emit({ type: 'batch:logged', command, outcome, batchId: event.batchId, line: event.line, ...tag });
      } else if (event.kind === 'breaker_rejected') {
        bus.emit({ type: 'batch:logged', command, outcome: 'rejected_open', batchId: null, line: event.line, ...tag });
      } else if (event.kind === 'record_rejected') {
        bus.emit({ type: 'record:rejected', reason: event.reason, count: event.count, line: event.line });
      }
    }
  });
}
