import { availableParallelism } from 'node:os';

/**
 * How many scenarios may run at once on a target. A target that declares itself parallel-safe
 * (ephemeral ports, its own scratch dirs) runs one scenario per core (2 on the 2-core CI box); one
 * that binds fixed ports runs serially, whatever `--concurrency` says.
 */
export function defaultConcurrencyFor(parallelSafe: boolean, cores = availableParallelism()): number {
  return parallelSafe ? Math.max(1, Math.min(2, cores)) : 1;
}
