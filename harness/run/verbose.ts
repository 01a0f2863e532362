import type { RunEvent } from '../observe/events.js';

/** One line per notable event for `--verbose` (steps, transitions, faults, processes). */
export function describeForVerbose(event: RunEvent, print: (line: string) => void): void {
  const at = `[${(event.atMs / 1_000).toFixed(1).padStart(7)}s]`;
  switch (event.type) {
    case 'step:started':
      return print(`${at} step ${event.name} (${event.action})`);
    case 'step:completed':
      return print(`${at} step ${event.name}: ${event.outcome} — ${event.detail}`);
    case 'breaker:transitioned':
      return print(
        `${at} ${event.breaker} ${event.from} → ${event.to}${event.consistent ? '' : ` (INCONSISTENT: was ${event.expectedFrom})`}`,
      );
    case 'fault:injected':
      return print(`${at} fault ${event.ruleId} injected: ${event.description}`);
    case 'fault:cleared':
      return print(`${at} fault ${event.ruleId} cleared`);
    case 'fakes:started':
      return print(
        `${at} fakes listening: ${Object.entries(event.endpoints)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}`,
      );
    case 'target:launched':
      return print(`${at} target ${event.command} launched (pid ${event.pid})`);
    case 'target:exited':
      return print(`${at} target ${event.command} (pid ${event.pid}) exited code=${event.code} signal=${event.signal}`);
    case 'replay:completed':
      return print(`${at} replay-failed: ${event.summary ?? 'no summary'} (exit ${event.code})`);
    default:
      return;
  }
}
