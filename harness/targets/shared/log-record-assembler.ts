/**
 * Turns a byte stream of connector log output into whole log records. A line that starts with a
 * Python `asctime` timestamp opens a record; any other line (traceback, multi-line HTTP error
 * text, azure-core request dump) continues the previous one (connector-contract.md §2.1).
 *
 *   chunk ─▶ split lines (partial tail kept) ─▶ timestamped? ─yes─▶ emit previous, open new
 *                                                      └─no──▶ append to the open record
 */

/** Matches the start of a connector log line: `2026-11-27 02:35:21,464 - `. */
export const LOG_TIMESTAMP_PREFIX = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} - /;

export interface LogRecordAssembler {
  /** Feeds a chunk of text; complete records are passed to `onRecord` as they close. */
  push(chunk: string): void;
  /** Emits the open record and any partial last line (call at end of stream). Idempotent. */
  flush(): void;
}

export interface LogRecordAssemblerOptions {
  /**
   * Emit the open record when no more text arrived for this long (wall ms). Python writes a whole
   * record in one write, so a short idle gap means the record is complete; without this a record
   * would only surface when the NEXT one starts. Omitted: no timer, records close only on the next
   * timestamped line or `flush()` (deterministic, for tests and offline parsing).
   */
  readonly idleFlushMs?: number;
}

/**
 * @example
 * const assembler = createLogRecordAssembler((record) => console.log(record));
 * child.stderr.on('data', (chunk) => assembler.push(chunk));
 * child.stderr.on('end', () => assembler.flush());
 */
export function createLogRecordAssembler(
  onRecord: (record: string) => void,
  options: LogRecordAssemblerOptions = {},
): LogRecordAssembler {
  let partialLine = '';
  let openRecord: string[] | null = null;
  let idleTimer: NodeJS.Timeout | undefined;

  const emitOpenRecord = (): void => {
    if (openRecord === null) return;
    const record = openRecord.join('\n');
    openRecord = null;
    onRecord(record);
  };

  const acceptLine = (rawLine: string): void => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (LOG_TIMESTAMP_PREFIX.test(line) || openRecord === null) {
      emitOpenRecord();
      // A blank line with nothing open carries no information; skip it rather than emit ''.
      if (line === '' && !LOG_TIMESTAMP_PREFIX.test(line)) return;
      openRecord = [line];
      return;
    }
    openRecord.push(line);
  };

  const clearIdleTimer = (): void => {
    if (idleTimer !== undefined) clearTimeout(idleTimer);
    idleTimer = undefined;
  };

  return {
    push(chunk: string): void {
      clearIdleTimer();
      const lines = (partialLine + chunk).split('\n');
      partialLine = lines.pop() ?? '';
      for (const line of lines) acceptLine(line);
      if (options.idleFlushMs !== undefined && openRecord !== null && partialLine === '') {
        idleTimer = setTimeout(emitOpenRecord, options.idleFlushMs);
        idleTimer.unref();
      }
    },
    flush(): void {
      clearIdleTimer();
      if (partialLine !== '') {
        acceptLine(partialLine);
        partialLine = '';
      }
      emitOpenRecord();
    },
  };
}
