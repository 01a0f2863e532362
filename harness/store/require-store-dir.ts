/**
 * Checked before the target starts: a scenario that breaks the failed-batch store needs a target
 * that says where that store is on this machine. A target whose store lives out of reach (inside a
 * container, or nowhere it declares) makes the run a usage error at once, not halfway through.
 */
import { UsageError } from '../errors.js';

/**
 * @example requireStoreDir(['store-broken'], null) // throws UsageError naming the steps
 */
export function requireStoreDir(storeFaultSteps: readonly string[], storeDir: string | null): void {
  if (storeFaultSteps.length === 0 || storeDir !== null) return;
  throw new UsageError(
    `Failed to prepare store faults for step(s) ${storeFaultSteps.map((s) => `"${s}"`).join(', ')}: ` +
      'the target does not say where it stores failed batches on this machine, so there is no directory to break. ' +
      'Run the scenario on a target that declares its failed-batch directory (reference, python), or remove the ' +
      'store_fault steps.',
  );
}
