/**
 * What a step action may do to the world. The run implements it (run/step-runtime-impl.ts) over
 * the fakes, Toxiproxy and the target's processes; actions only see this interface, so a new
 * action is testable against a stub and never reaches into the run's internals.
 */
import type { FaultRuleSpec } from '../../fakes/core/types.js';
import type { Condition } from '../conditions/registry.js';
import type { NetworkFaultSpec } from '../network/network-fault-spec.js';
import type { LiveState } from '../observe/live-state.js';
import type { StoreFault } from '../store/store-fault-kinds.js';

export interface StepRuntime {
  readonly state: LiveState;
  injectFault(fault: FaultRuleSpec & { readonly id: string }): Promise<void>;
  clearFault(faultId: string): Promise<void>;
  injectNetworkFault(fault: NetworkFaultSpec): Promise<void>;
  clearNetworkFault(faultId: string): Promise<void>;
  restartTarget(): Promise<void>;
  stopTarget(): Promise<void>;
  /** Breaks the target's failed-batch store (store/store-faults.ts), or puts it right again. */
  injectStoreFault(fault: StoreFault): Promise<void>;
  clearStoreFault(): Promise<void>;
  /** Runs a one-shot command to completion; returns a one-line outcome (summary line and exit code). */
  runOnce(command: 'replay-failed' | 'ingest', timeoutWallMs: number): Promise<string>;
  /** Waits until `condition` holds, at most `timeoutMs` target ms (and never past the deadline). */
  waitFor(condition: Condition, timeoutMs: number): Promise<boolean>;
  /** Target ms left before the scenario's deadline. */
  remainingMs(): number;
  toWallMs(targetMs: number): number;
}

/** The text recorded on `step:completed`; `timedOut` marks a wait that did not hold. */
export interface StepOutcome {
  readonly text: string;
  readonly timedOut?: boolean;
}
