import type { BreakerState } from '../domain/breaker.js';

/**
 * Remembers each breaker's state per target process, to check every logged transition against
 * it. A breaker lives in one process's memory: a restart or a `replay-failed` process starts
 * with fresh CLOSED breakers, so state is keyed by process id.
 *
 * @example
 * const tracker = createBreakerTracker();
 * tracker.observe(4242, 'azure-sentinel', 'CLOSED', 'OPEN'); // { expectedFrom: 'CLOSED', consistent: true }
 */
export interface BreakerTracker {
  /** Records a transition; returns whether `from` matched the state last seen in that process. */
  observe(
    pid: number,
    breaker: string,
    from: BreakerState,
    to: BreakerState,
  ): { readonly expectedFrom: BreakerState; readonly consistent: boolean };
  /** State of `breaker` in process `pid` (CLOSED when nothing was logged yet). */
  state(pid: number, breaker: string): BreakerState;
  /** Breakers seen so far in process `pid`, with their states. */
  states(pid: number): Readonly<Record<string, BreakerState>>;
}

export function createBreakerTracker(): BreakerTracker {
  const byProcess = new Map<number, Map<string, BreakerState>>();
  const statesOf = (pid: number): Map<string, BreakerState> => {
    let states = byProcess.get(pid);
    if (!states) {
      states = new Map();
      byProcess.set(pid, states);
    }
    return states;
  };
  return {
    observe(pid, breaker, from, to) {
      const states = statesOf(pid);
      const expectedFrom = states.get(breaker) ?? 'CLOSED';
      states.set(breaker, to);
      return { expectedFrom, consistent: expectedFrom === from && from !== to };
    },
    state: (pid, breaker) => byProcess.get(pid)?.get(breaker) ?? 'CLOSED',
    states: (pid) => Object.fromEntries(byProcess.get(pid) ?? []),
  };
}
