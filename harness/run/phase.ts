/**
 * A named phase of a run. An unexpected failure inside a phase is reported with the phase's name,
 * so "Failed in phase \"prepare target\": …" says where the run broke. Usage errors and
 * interruptions pass through unchanged: the first is the user's to fix, the second is no failure.
 */
import { ChaosError, describeError, InfrastructureError, InterruptedError, UsageError } from '../errors.js';
import type { EventBus } from '../observe/event-bus.js';

export const RUN_PHASES = [
  'open evidence files',
  'start fakes',
  'prepare target',
  'observe',
  'execute timeline',
  'settle',
  'evaluate alerts',
  'evaluate',
  'write result',
] as const;
export type RunPhaseName = (typeof RUN_PHASES)[number];

/** An infrastructure failure that names the phase it happened in. */
export class PhaseError extends InfrastructureError {
  constructor(
    readonly phase: RunPhaseName,
    cause: unknown,
  ) {
    super(`Failed in phase "${phase}": ${describeError(cause)}`, { cause });
    this.name = 'PhaseError';
  }
}

export async function runPhase<T>(bus: EventBus, phase: RunPhaseName, body: () => Promise<T>): Promise<T> {
  bus.emit({ type: 'run:phase', phase, state: 'started' });
  try {
    const value = await body();
    bus.emit({ type: 'run:phase', phase, state: 'completed' });
    return value;
  } catch (error) {
    bus.emit({ type: 'run:phase', phase, state: 'failed' });
    if (error instanceof UsageError || error instanceof InterruptedError || error instanceof PhaseError) throw error;
    // Our own infrastructure errors already say what failed; they gain the phase, not a new class.
    if (error instanceof ChaosError && !(error instanceof InfrastructureError)) throw error;
    throw new PhaseError(phase, error);
  }
}
