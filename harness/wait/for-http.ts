import { forCondition } from './for-condition.js';
import type { WaitStrategy } from './wait-strategy.js';

export interface ForHttpOptions {
  readonly timeoutMs: number;
  /** Accepted status; default 200. */
  readonly status?: number;
  readonly pollMs?: number;
}

/**
 * Waits until `GET url` answers with the expected status. Each attempt has its own short
 * limit so a hung listener cannot eat the whole budget.
 *
 * @example await Wait.forHttp('http://127.0.0.1:41234/health', { timeoutMs: 20_000 }).wait(signal);
 */
export function forHttp(url: string | (() => string | null), options: ForHttpOptions): WaitStrategy {
  const expected = options.status ?? 200;
  let lastSeen = 'no attempt yet';
  const resolveUrl = (): string | null => (typeof url === 'string' ? url : url());
  const shown = typeof url === 'string' ? url : 'the target health URL';
  return forCondition(
    `GET ${shown} answering ${expected}`,
    async () => {
      const current = resolveUrl();
      if (current === null) {
        lastSeen = 'URL not known yet';
        return false;
      }
      try {
        const response = await fetch(current, { signal: AbortSignal.timeout(2_000) });
        await response.arrayBuffer();
        lastSeen = `status ${response.status}`;
        return response.status === expected;
      } catch (error) {
        lastSeen = error instanceof Error ? error.message : String(error);
        return false;
      }
    },
    { timeoutMs: options.timeoutMs, pollMs: options.pollMs ?? 100, describeState: () => lastSeen },
  );
}
