/**
 * `truncate_body`: the service handles the request (state changes are kept), the headers announce
 * the full Content-Length, then only `keepBytes` (default half the body) are written and the socket
 * is destroyed, so the client reads a short body.
 */

import { defineFaultKind } from './fault-kind.js';
import { checkNumber } from './field-checks.js';

export interface TruncateBodyEffect {
  readonly kind: 'truncate_body';
  readonly keepBytes?: number;
}

export const truncateBodyFault = defineFaultKind<TruncateBodyEffect>({
  kind: 'truncate_body',
  fields: ['keepBytes'],
  validate(effect, path, problems) {
    checkNumber(effect, 'keepBytes', path, { integer: true, min: 0 }, problems);
  },
  async apply(ctx) {
    const response = await ctx.runHandler();
    const length = response.body === undefined ? 0 : Buffer.byteLength(response.body);
    const keepBytes = Math.min(ctx.effect.keepBytes ?? Math.floor(length / 2), length);
    return { type: 'truncate', response, keepBytes };
  },
});
