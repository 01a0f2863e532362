import { StartupTimeoutError } from '../errors.js';
import { pause, type WaitStrategy } from './wait-strategy.js';

export interface ForConditionOptions {
  readonly timeoutMs: number;
  /** Re-check at least this often (wall ms). Default 50. */
  readonly pollMs?: number;
  /**
   * Optional push source: calls `notify` whenever something changed, so the check runs at once
   * instead of on the next poll. Returns its unsubscribe function.
   */
  readonly wake?: (notify: () => void) => () => void;
  /** Extra text for the timeout message, e.g. the state last seen. */
  readonly describeState?: () => string;
}

/**
 * Waits until `check()` is true.
 *
 * @example
 * await Wait.forCondition('azure-sentinel OPEN', () => breakers.state('azure-sentinel') === 'OPEN', { timeoutMs: 30_000 }).wait(signal);
 */
export function forCondition(
  description: string,
  check: () => boolean | Promise<boolean>,
  options: ForConditionOptions,
): WaitStrategy {
  const pollMs = options.pollMs ?? 50;
  return {
    description,
    timeoutMs: options.timeoutMs,
    async wait(signal?: AbortSignal): Promise<void> {
      const deadline = Date.now() + options.timeoutMs;
      const inner = new AbortController();
      const onAbort = (): void => inner.abort(signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      let wakeUp: (() => void) | undefined;
      const unsubscribe = options.wake?.(() => wakeUp?.());
      try {
        for (;;) {
          if (signal?.aborted) throw signal.reason;
          if (await check()) return;
          const leftMs = deadline - Date.now();
          if (leftMs <= 0) {
            const state = options.describeState ? ` Last seen: ${options.describeState()}.` : '';
            throw new StartupTimeoutError(
              `Failed to wait for ${description}: still not true after ${options.timeoutMs} ms.${state}`,
              options.timeoutMs,
            );
          }
          // Wake on the next poll, a push notification, or an abort, whichever comes first.
          const tick = new AbortController();
          const woken = new Promise<void>((resolve) => {
            wakeUp = resolve;
          });
          const chained = AbortSignal.any([inner.signal, tick.signal]);
          await Promise.race([pause(Math.min(pollMs, leftMs), chained).catch(() => undefined), woken]);
          tick.abort();
        }
      } finally {
        unsubscribe?.();
        signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
