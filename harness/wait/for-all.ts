import { StartupTimeoutError } from '../errors.js';
import type { WaitStrategy } from './wait-strategy.js';

/**
 * Waits for every strategy in order, under one overall deadline (each keeps its own limit too).
 *
 * @example await Wait.forAll([Wait.forLogRecord(p, /listening/, o), Wait.forHttp(url, o)], { deadlineMs: 30_000 }).wait(signal);
 */
export function forAll(strategies: readonly WaitStrategy[], options: { readonly deadlineMs: number }): WaitStrategy {
  const description = strategies.map((s) => s.description).join(', then ');
  return {
    description,
    timeoutMs: options.deadlineMs,
    async wait(signal?: AbortSignal): Promise<void> {
      const deadline = AbortSignal.timeout(options.deadlineMs);
      const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
      try {
        for (const strategy of strategies) await strategy.wait(combined);
      } catch (error) {
        if (deadline.aborted && !signal?.aborted) {
          throw new StartupTimeoutError(
            `Failed to wait for ${description}: not all true within the ${options.deadlineMs} ms deadline.`,
            options.deadlineMs,
          );
        }
        throw error;
      }
    },
  };
}
