import type { RunEvent } from '../observe/events.js';

/** One line per notable event for `--verbose` (steps, transitions, faults, processes). */
export function describeForVerbose(event: RunEvent, print: (line: string) => void): void {
  const at = `[${(event.atMs / 1_000).toFixed(1).padStart(7)}s]`;
  switch (event.type) {
    case 'step:started':
      print(`${at} step ${event.name} (${event.action})`);
      break;
    case 'step:completed':
      print(`${at} step ${event.name}: ${event.outcome} — ${event.detail}`);
      break;
    case 'breaker:transitioned':
      print(
        `${at} ${event.breaker} ${event.from} → ${event.to}` +
          (event.consistent ? '' : ` (INCONSISTENT: was ${event.expectedFrom})`),
      );
      break;
    case 'fault:injected':
      print(`${at} fault ${event.ruleId} injected: ${event.description}`);
      break;
    case 'fault:cleared':
      print(`${at} fault ${event.ruleId} cleared`);
      break;
    case 'fakes:started':
      print(
        `${at} fakes listening: ${Object.entries(event.endpoints)
          .map(([k, v]) => `${k}=${v}`)
          .join(' ')}`,
      );
      break;
    case 'target:launched':
      print(`${at} target ${event.command} launched (pid ${event.pid})`);
      break;
    case 'target:exited':
      print(`${at} target ${event.command} (pid ${event.pid}) exited code=${event.code} signal=${event.signal}`);
      break;
    case 'oneshot:completed':
      print(`${at} ${event.command}: ${event.summary ?? 'no summary'} (exit ${event.code})`);
      break;
    default:
      break;
  }
}
