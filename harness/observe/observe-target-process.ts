/**
 * Feeds one target process's log records onto the bus: every record as `log:record`, and what
 * the target's parser recognises as breaker transitions (checked against the tracker), cached
 * secret use and rejected records.
 */
import type { PreparedTarget, TargetCommand, TargetProcess } from '../targets/target.js';
import type { BreakerTracker } from './breaker-tracker.js';
import type { EventBus } from './event-bus.js';

/** Both targets log this when Key Vault's breaker is open (CONTRACTS §6). */
const CACHED_SECRET = /Serving cached secret '([^']+)' \(([\w-]+) breaker OPEN\)/;

export function observeTargetProcess(
  process: TargetProcess,
  command: TargetCommand,
  prepared: Pick<PreparedTarget, 'parseLog'>,
  bus: EventBus,
  tracker: BreakerTracker,
): () => void {
  return process.onLogRecord((record, stream) => {
    bus.emit({ type: 'log:record', command, stream, record });
    const cached = CACHED_SECRET.exec(record);
    if (cached)
      bus.emit({ type: 'secret:served-from-cache', secretName: cached[1]!, breaker: cached[2]!, line: record });
    for (const event of prepared.parseLog(record)) {
      if (event.kind === 'breaker_transition') {
        const { expectedFrom, consistent } = tracker.observe(process.pid, event.breaker, event.from, event.to);
        bus.emit({
          type: 'breaker:transitioned',
          command,
          pid: process.pid,
          breaker: event.breaker,
          from: event.from,
          to: event.to,
          expectedFrom,
          consistent,
          line: event.line,
        });
      } else if (event.kind === 'record_rejected') {
        bus.emit({ type: 'record:rejected', reason: event.reason, count: event.count, line: event.line });
      }
    }
  });
}
