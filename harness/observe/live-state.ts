/**
 * The run's state as of now, folded from the bus as events arrive: what conditions (step
 * triggers, waits) and the progress line read. The verdict does NOT use it; evaluators re-read
 * the whole event log afterwards.
 */

import type { BreakerState } from '../domain/breaker.js';
import { replicaLabel } from '../domain/replica.js';
import type { EventBus } from './event-bus.js';
import type { RunEvent } from './events.js';

export interface LiveState {
  /** Breakers of the current `run` process (fresh CLOSED after a restart); with replicas, the first one's. */
  breakerState(breaker: string): BreakerState;
  /** The breaker's state in every current `run` replica, in replica order (one entry without replicas). */
  replicaBreakerStates(breaker: string): readonly BreakerState[];
  /** Every breaker seen, as `name` (one run process) or `name [r2]` (replicas), with its state. */
  breakerStates(): Readonly<Record<string, BreakerState>>;
  /** Times `breaker` entered `state` in run processes, over the whole run (restarts included). */
  transitionsInto(breaker: string, state: BreakerState): number;
  readonly seeded: ReadonlySet<string>;
  readonly delivered: ReadonlySet<string>;
  /** Failed-batch files ever created / currently waiting (not archived). */
  filesCreated(): number;
  waitingRecordIds(): ReadonlySet<string>;
  waitingFiles(): number;
  activeFaults(): ReadonlyMap<string, string>;
  requests(filter: { readonly service: string; readonly operation?: string; readonly status?: number }): number;
  /**
   * True once the current `run` process has exited (or before any was launched); with replicas,
   * once any replica's has (or, given `replica`, that replica's).
   */
  runExited(replica?: number): boolean;
  /**
   * Seeded, not yet delivered, not waiting in a failed-batch file: in flight or still in S3.
   * Only the final ledger (ledger.ts) can call a record lost.
   */
  pending(): number;
}

interface RunInstance {
  readonly pid: number;
  exited: boolean;
  readonly breakers: Map<string, BreakerState>;
}

export function createLiveState(bus: EventBus): LiveState & { dispose(): void } {
  /** Current `run` process per replica (0: a target without replicas). */
  const runs = new Map<number, RunInstance>();
  const entered = new Map<string, number>();
  const seeded = new Set<string>();
  const delivered = new Set<string>();
  const files = new Map<string, readonly string[]>();
  let filesCreated = 0;
  const faults = new Map<string, string>();
  const requests: { service: string; operation: string; status: number }[] = [];

  const apply = (event: RunEvent): void => {
    switch (event.type) {
      case 'target:launched':
        if (event.command === 'run')
          runs.set(event.replica ?? 0, { pid: event.pid, exited: false, breakers: new Map() });
        break;
      case 'target:exited': {
        const run = runs.get(event.replica ?? 0);
        if (event.command === 'run' && run?.pid === event.pid) run.exited = true;
        break;
      }
      case 'breaker:transitioned': {
        const run = runs.get(event.replica ?? 0);
        if (event.command === 'run' && run?.pid === event.pid) run.breakers.set(event.breaker, event.to);
        if (event.command === 'run') {
          const key = `${event.breaker}→${event.to}`;
          entered.set(key, (entered.get(key) ?? 0) + 1);
        }
        break;
      }
      case 'seed:put':
        for (const { id } of event.records) seeded.add(id);
        break;
      case 'record:ingested':
        if (event.recordId !== null) delivered.add(event.recordId);
        break;
      case 'batch-file:created':
        filesCreated += 1;
        files.set(event.file, event.recordIds);
        break;
      case 'batch-file:archived':
      case 'batch-file:vanished':
        files.delete(event.file);
        break;
      case 'fault:injected':
        faults.set(event.ruleId, event.description);
        break;
      case 'fault:cleared':
        faults.delete(event.ruleId);
        break;
      case 'request:completed':
        requests.push({ service: event.entry.service, operation: event.entry.operation, status: event.entry.status });
        break;
      default:
        break;
    }
  };
  // The state is made after seeding (and fakes:started) were announced: fold those in first,
  // or the initial records would be missing from `seeded` and from the progress line's counts.
  for (const event of bus.events()) apply(event);
  const dispose = bus.subscribe(apply);

  const waitingRecordIds = (): Set<string> => {
    const ids = new Set<string>();
    for (const list of files.values()) for (const id of list) ids.add(id);
    return ids;
  };

  const ordered = (): [number, RunInstance][] => [...runs].sort(([a], [b]) => a - b);
  const replicaBreakerStates = (breaker: string): BreakerState[] =>
    ordered().map(([, run]) => run.breakers.get(breaker) ?? 'CLOSED');
  return {
    breakerState: (breaker) => replicaBreakerStates(breaker)[0] ?? 'CLOSED',
    replicaBreakerStates,
    breakerStates: () =>
      Object.fromEntries(
        ordered().flatMap(([replica, run]) =>
          [...run.breakers].map(([name, state]) => [
            replica === 0 ? name : `${name} [${replicaLabel(replica)}]`,
            state,
          ]),
        ),
      ),
    transitionsInto: (breaker, state) => entered.get(`${breaker}→${state}`) ?? 0,
    seeded,
    delivered,
    filesCreated: () => filesCreated,
    waitingRecordIds,
    waitingFiles: () => files.size,
    activeFaults: () => faults,
    requests: (f) =>
      requests.filter(
        (r) =>
          r.service === f.service &&
          (f.operation === undefined || r.operation === f.operation) &&
          (f.status === undefined || r.status === f.status),
      ).length,
    runExited: (replica) =>
      replica === undefined
        ? runs.size === 0 || [...runs.values()].some((run) => run.exited)
        : (runs.get(replica)?.exited ?? true),
    pending() {
      const waiting = waitingRecordIds();
      let pending = 0;
      for (const id of seeded) if (!delivered.has(id) && !waiting.has(id)) pending += 1;
      return pending;
    },
    dispose,
  };
}
