import { availableParallelism } from 'node:os';

/**
 * How many scenarios may run at once on a target. The reference target uses ephemeral ports
 * and its own scratch dirs, so it runs one scenario per core (2 on the 2-core CI box); the
 * python target binds fixed ports (the real connector's health server), so it runs serially.
 * Unknown targets run serially: safe by default.
 */
export function defaultConcurrencyFor(target: string, cores = availableParallelism()): number {
  if (target === 'reference') return Math.max(1, Math.min(2, cores));
  return 1;
}

/** Whether a target may run more than one scenario at a time at all (`--concurrency` cannot override this). */
export function isParallelSafeTarget(target: string): boolean {
  return target === 'reference';
}
