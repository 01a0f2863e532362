/**
 * A target process's log as the harness reads it, whatever runs the process (a child process, a
 * container): stderr assembled into multi-line records (a traceback is one record), stdout one
 * record per line, and every record replayed to a listener that subscribes late.
 */
import { createLogRecordAssembler } from './log-record-assembler.js';

/** Wall ms without new output after which an open log record is considered complete. */
const RECORD_IDLE_FLUSH_MS = 30;

export type LogListener = (record: string, stream: 'stdout' | 'stderr') => void;

export interface ProcessLog {
  push(stream: 'stdout' | 'stderr', chunk: string): void;
  /** Emits whatever is still open (call once the streams ended). */
  flush(): void;
  /** Adds a listener, first replaying every record so far; returns the unsubscribe. */
  onLogRecord(listener: LogListener): () => void;
}

/** Like the assembler, but every non-empty line is its own record. */
function createLineSplitter(onLine: (line: string) => void): { push(chunk: string): void; flush(): void } {
  let partial = '';
  const emit = (raw: string): void => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line !== '') onLine(line);
  };
  return {
    push(chunk: string): void {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(emit);
    },
    flush(): void {
      emit(partial);
      partial = '';
    },
  };
}

/** @example const log = createProcessLog(); child.stderr.on('data', (c) => log.push('stderr', c)); */
export function createProcessLog(): ProcessLog {
  const listeners = new Set<LogListener>();
  const history: { record: string; stream: 'stdout' | 'stderr' }[] = [];
  const deliver = (record: string, stream: 'stdout' | 'stderr'): void => {
    history.push({ record, stream });
    for (const listener of listeners) listener(record, stream);
  };
  const assemblers = {
    // stdout carries only print() output (version, listening line, replay summary): one record a line.
    stdout: createLineSplitter((r) => deliver(r, 'stdout')),
    stderr: createLogRecordAssembler((r) => deliver(r, 'stderr'), { idleFlushMs: RECORD_IDLE_FLUSH_MS }),
  };
  return {
    push: (stream, chunk) => assemblers[stream].push(chunk),
    flush() {
      assemblers.stdout.flush();
      assemblers.stderr.flush();
    },
    onLogRecord(listener) {
      for (const { record, stream } of history) listener(record, stream);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
