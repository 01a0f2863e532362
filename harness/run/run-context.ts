/**
 * What a run's phases share. Each phase takes the context the previous one produced and returns it
 * extended with what it started (typestate, as testcontainers' Started… types): a phase can only
 * read what an earlier phase made, and the compiler checks it.
 *
 *   RunContext ─▶ WithFakes ─▶ WithTarget ─▶ Observed
 */
import type { StartedFakes } from '../../fakes/index.js';
import type { NetworkFaults } from '../network/index.js';
import type { BreakerTracker } from '../observe/breaker-tracker.js';
import type { EventBus } from '../observe/event-bus.js';
import type { LiveState } from '../observe/live-state.js';
import type { StrayBatchScanner } from '../observe/scan-stray-batches.js';
import type { FailedBatchWatcher } from '../observe/watch-failed-batches.js';
import type { ResultSample } from '../result/result-schema.js';
import type { Scenario } from '../scenario/types.js';
import type { Session } from '../session.js';
import type { StoreFaults } from '../store/store-faults.js';
import type { PreparedTarget, Target, TargetContext } from '../targets/target.js';
import type { RunArtifacts } from './run-artifacts.js';
import type { RunOptions } from './run-options.js';
import type { TargetController } from './target-controller.js';

export interface RunContext {
  readonly scenario: Scenario;
  readonly options: RunOptions;
  readonly target: Target;
  /** The scenario's target options with the user's `--target-option`s on top. */
  readonly targetOptions: Readonly<Record<string, string>>;
  /** The shims banner (null without shims), printed before the run and above its verdict. */
  readonly shimsBanner: string | null;
  readonly session: Session;
  readonly bus: EventBus;
  readonly progress: (line: string) => void;
  /** Aborted by Ctrl-C, the deadline or teardown: stops the timeline and the arrivals. */
  readonly timeline: AbortController;
  /** Periodic samples for the report's timeline lanes, filled while the timeline runs. */
  readonly samples: ResultSample[];
  readonly startedAt: Date;
  /** Evidence files (full target log, journal), when they could be opened. */
  readonly artifacts: RunArtifacts | undefined;
}

export interface WithFakes extends RunContext {
  readonly fakes: StartedFakes;
  readonly network: NetworkFaults | undefined;
  /** What the target is pointed at: the fakes, or Toxiproxy in front of them. */
  readonly endpoints: TargetContext['endpoints'];
  readonly fakesEnv: Readonly<Record<string, string>>;
}

export interface WithTarget extends WithFakes {
  readonly prepared: PreparedTarget;
}

export interface Observed extends WithTarget {
  readonly tracker: BreakerTracker;
  readonly live: LiveState;
  readonly controller: TargetController;
  readonly watcher: FailedBatchWatcher;
  /** Failed-batch files written outside the configured directory. */
  readonly strayScanner: StrayBatchScanner;
  readonly storeFaults: StoreFaults;
}
