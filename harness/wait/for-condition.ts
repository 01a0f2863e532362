import { type Clock, SystemClock } from '../../fakes/core/clock.js';
import { StartupTimeoutError } from '../errors.js';
import type { WaitStrategy } from './wait-strategy.js';

export interface ForConditionOptions {
  readonly timeoutMs: number;
  /** Re-check at least this often (ms on `clock`). Default 50. */
  readonly pollMs?: number;
  /**
   * Optional push source: calls `notify` whenever something changed, so the check runs at once
   * instead of on the next poll. Returns its unsubscribe function.
   */
  readonly wake?: (notify: () => void) => () => void;
  /** Extra text for the timeout message, e.g. the state last seen. */
  readonly describeState?: () => string;
  /** Time source for the limit and the polls. Default wall time; tests pass a ManualClock. */
  readonly clock?: Clock;
}

/**
 * Waits until `check()` is true.
 *
 * @example
 * await Wait.forCondition('azure-sentinel OPEN', () => breakers.state('azure-sentinel') === 'OPEN',
 *   { timeoutMs: 30_000 }).wait(signal);
 */
export function forCondition(
  description: string,
  check: () => boolean | Promise<boolean>,
  options: ForConditionOptions,
): WaitStrategy {
  const pollMs = options.pollMs ?? 50;
  const clock = options.clock ?? new SystemClock();
  return {
    description,
    timeoutMs: options.timeoutMs,
    async wait(signal?: AbortSignal): Promise<void> {
      const deadline = clock.now() + options.timeoutMs;
      // A notification can arrive while `check()` runs, before the waiter parks: `notified`
      // remembers it, so the next round checks again at once instead of sleeping through it.
      let notified = false;
      let wakeUp: (() => void) | undefined;
      const unsubscribe = options.wake?.(() => {
        notified = true;
        wakeUp?.();
      });
      try {
        for (;;) {
          if (signal?.aborted) throw signal.reason;
          notified = false;
          if (await check()) return;
          const leftMs = deadline - clock.now();
          if (leftMs <= 0) {
            const state = options.describeState ? ` Last seen: ${options.describeState()}.` : '';
            const message = `Failed to wait for ${description}: still not true after ${options.timeoutMs} ms.${state}`;
            throw new StartupTimeoutError(message, options.timeoutMs);
          }
          if (notified) continue;
          // Wake on the next poll, a push notification, or an abort, whichever comes first.
          const tick = new AbortController();
          wakeUp = () => tick.abort();
          const stop = signal ? AbortSignal.any([signal, tick.signal]) : tick.signal;
          await clock.sleep(Math.min(pollMs, leftMs), stop).catch((error: unknown) => {
            if (signal?.aborted) throw error;
          });
          wakeUp = undefined;
        }
      } finally {
        unsubscribe?.();
      }
    },
  };
}
