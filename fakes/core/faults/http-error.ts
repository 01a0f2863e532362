/**
 * `http_error`: answer with the service's own error envelope (S3 XML, Azure JSON, AAD JSON) for the
 * status, plus Retry-After hints. The handler never runs.
 */

import type { HttpErrorStatus } from '../types.js';
import { defineFaultKind } from './fault-kind.js';
import { checkHttpErrorStatus, checkNumber, checkOptionalString } from './field-checks.js';
import { buildRetryAfterHeaders, withHeaders } from './retry-after.js';

export interface HttpErrorEffect {
  readonly kind: 'http_error';
  readonly status: HttpErrorStatus;
  readonly code?: string;
  readonly message?: string;
  readonly retryAfterSeconds?: number;
  readonly retryAfterMs?: number;
}

export const httpErrorFault = defineFaultKind<HttpErrorEffect>({
  kind: 'http_error',
  fields: ['status', 'code', 'message', 'retryAfterSeconds', 'retryAfterMs'],
  validate(effect, path, problems) {
    checkHttpErrorStatus(effect, 'status', path, true, problems);
    checkOptionalString(effect, 'code', path, problems);
    checkOptionalString(effect, 'message', path, problems);
    checkNumber(effect, 'retryAfterSeconds', path, { min: 0 }, problems);
    checkNumber(effect, 'retryAfterMs', path, { min: 0 }, problems);
  },
  async apply(ctx) {
    const { status, code, message, retryAfterSeconds, retryAfterMs } = ctx.effect;
    const response = ctx.errorResponse(status, code, message);
    return {
      type: 'respond',
      response: withHeaders(response, buildRetryAfterHeaders({ retryAfterSeconds, retryAfterMs }, ctx.timeScale)),
    };
  },
});
