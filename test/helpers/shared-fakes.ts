/**
 * One set of fakes for a whole test file: started before the first test, stopped after the last,
 * with fault rules cleared between tests when the file injects faults (so a rule never leaks into
 * the next test). Read `shared.fakes` inside tests and helpers, not at module load.
 *
 * @example const shared = useSharedFakes({ clearFaultsAfterEach: true });
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { type StartedFakes, startFakes } from '../../fakes/index.js';

export interface SharedFakes {
  readonly fakes: StartedFakes;
}

export function useSharedFakes(options: { readonly clearFaultsAfterEach?: boolean } = {}): SharedFakes {
  let started: StartedFakes | undefined;
  beforeAll(async () => {
    started = await startFakes();
  });
  if (options.clearFaultsAfterEach) afterEach(() => started?.faults.clear());
  afterAll(async () => {
    await started?.stop();
  });
  return {
    get fakes(): StartedFakes {
      if (!started)
        throw new Error('Failed to read the shared fakes: they are not started yet. Use them inside a test or hook.');
      return started;
    },
  };
}
