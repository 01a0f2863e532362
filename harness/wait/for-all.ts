import { type Clock, SystemClock } from '../../fakes/core/clock.js';
import { StartupTimeoutError } from '../errors.js';
import type { WaitStrategy } from './wait-strategy.js';

/**
 * Waits for every strategy in order, under one overall deadline (each keeps its own limit too).
 *
 * @example
 * await Wait.forAll([Wait.forLogRecord(p, /listening/, o), Wait.forHttp(url, o)], { deadlineMs: 30_000 }).wait(signal);
 */
export function forAll(
  strategies: readonly WaitStrategy[],
  options: { readonly deadlineMs: number; readonly clock?: Clock },
): WaitStrategy {
  const description = strategies.map((s) => s.description).join(', then ');
  const clock = options.clock ?? new SystemClock();
  return {
    description,
    timeoutMs: options.deadlineMs,
    async wait(signal?: AbortSignal): Promise<void> {
      const deadline = new AbortController();
      const timer = clock.setTimeout(() => deadline.abort(), options.deadlineMs);
      const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
      try {
        for (const strategy of strategies) await strategy.wait(combined);
      } catch (error) {
        if (deadline.signal.aborted && !signal?.aborted) {
          const limit = `${options.deadlineMs} ms deadline`;
          const message = `Failed to wait for ${description}: not all true within the ${limit}.`;
          throw new StartupTimeoutError(message, options.deadlineMs);
        }
        throw error;
      } finally {
        timer.cancel();
      }
    },
  };
}
