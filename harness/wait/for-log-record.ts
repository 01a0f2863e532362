import { forCondition } from './for-condition.js';
import type { WaitStrategy } from './wait-strategy.js';

/** Anything that emits log records, e.g. a TargetProcess. */
export interface LogRecordSource {
  onLogRecord(listener: (record: string) => void): () => void;
}

/**
 * Waits for a log record matching `pattern`. It subscribes when created (not when awaited), so
 * create it before the record can appear.
 *
 * @example const ready = Wait.forLogRecord(child, /listening on/, { timeoutMs: 20_000 }); await ready.wait();
 */
export function forLogRecord(
  source: LogRecordSource,
  pattern: RegExp,
  options: { readonly timeoutMs: number },
): WaitStrategy & { dispose(): void } {
  let seen = false;
  const listeners = new Set<() => void>();
  const unsubscribe = source.onLogRecord((record) => {
    if (!seen && pattern.test(record)) {
      seen = true;
      for (const notify of listeners) notify();
    }
  });
  const strategy = forCondition(`a log record matching ${pattern}`, () => seen, {
    timeoutMs: options.timeoutMs,
    pollMs: 250,
    wake: (notify) => {
      listeners.add(notify);
      return () => listeners.delete(notify);
    },
  });
  return {
    ...strategy,
    async wait(signal?: AbortSignal) {
      try {
        await strategy.wait(signal);
      } finally {
        unsubscribe();
      }
    },
    dispose: unsubscribe,
  };
}
