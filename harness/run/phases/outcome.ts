/** How the phases up to "settle" ended, before anything was judged. */
import { describeError, InterruptedError, NotApplicableError, ProductFailureError, UsageError } from '../../errors.js';
import type { PreparedTarget } from '../../targets/target.js';
import type { RunContext } from '../run-context.js';

export type PhasesOutcome =
  | { readonly verdict: 'passed'; readonly prepared: PreparedTarget }
  | { readonly verdict: 'not_applicable'; readonly error: string }
  | {
      readonly verdict: 'error';
      readonly error: string;
      /** A bad --target-option surfaces while preparing the target: rethrown after teardown. */
      readonly usageError?: UsageError;
      readonly prepared?: PreparedTarget;
    }
  /** The build under test failed to build or start: judged (verdict `failed`), with its output as evidence. */
  | { readonly verdict: 'failed'; readonly productFailure: ProductFailureError; readonly prepared?: PreparedTarget };

export function failedOutcome(ctx: RunContext, error: unknown, prepared?: PreparedTarget): PhasesOutcome {
  // Ctrl-C aborts the session; whatever error the abort caused downstream, the run was interrupted.
  const interrupted = ctx.session.signal.aborted || error instanceof InterruptedError;
  if (!interrupted && error instanceof ProductFailureError)
    return { verdict: 'failed', productFailure: error, ...(prepared ? { prepared } : {}) };
  if (error instanceof NotApplicableError && !interrupted) return { verdict: 'not_applicable', error: error.message };
  return {
    verdict: 'error',
    error: interrupted ? 'interrupted' : describeError(error),
    ...(error instanceof UsageError ? { usageError: error } : {}),
    ...(prepared ? { prepared } : {}),
  };
}
