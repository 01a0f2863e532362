/**
 * `commit_then_fail`: the service handles the request first (records ingested, objects written), then
 * the client gets an error (default 503, with Retry-After hints) or a reset instead of the success, so
 * a retry produces duplicates.
 */

import type { HttpErrorStatus } from '../types.js';
import { defineFaultKind } from './fault-kind.js';
import { checkHttpErrorStatus, checkNumber, checkOptionalBoolean } from './field-checks.js';
import { buildRetryAfterHeaders, withHeaders } from './retry-after.js';

export interface CommitThenFailEffect {
  readonly kind: 'commit_then_fail';
  readonly status?: HttpErrorStatus;
  readonly reset?: boolean;
  readonly retryAfterSeconds?: number;
}

export const commitThenFailFault = defineFaultKind<CommitThenFailEffect>({
  kind: 'commit_then_fail',
  fields: ['status', 'reset', 'retryAfterSeconds'],
  validate(effect, path, problems) {
    checkHttpErrorStatus(effect, 'status', path, false, problems);
    checkOptionalBoolean(effect, 'reset', path, problems);
    checkNumber(effect, 'retryAfterSeconds', path, { min: 0 }, problems);
    if (effect.reset === true && (effect.status !== undefined || effect.retryAfterSeconds !== undefined)) {
      problems.push(`${path}.reset: cannot be combined with status or retryAfterSeconds (a reset writes no status)`);
    }
  },
  async apply(ctx) {
    await ctx.runHandler();
    if (ctx.effect.reset) return { type: 'reset' };
    const status = ctx.effect.status ?? 503;
    const response = ctx.errorResponse(status);
    return {
      type: 'respond',
      response: withHeaders(
        response,
        buildRetryAfterHeaders({ retryAfterSeconds: ctx.effect.retryAfterSeconds }, ctx.timeScale),
      ),
    };
  },
});
