/**
 * `hang`: hold the request without answering until the rule is removed, the client goes away or the
 * server stops. The held connection is then destroyed without a response (journal outcome `hung`),
 * so the client sees the failure it would see from a black-holed peer.
 */
import { defineFaultKind } from './fault-kind.js';
import { holdUntilReleased } from './hold-until-released.js';

export interface HangEffect {
  readonly kind: 'hang';
}

export const hangFault = defineFaultKind<HangEffect>({
  kind: 'hang',
  fields: [],
  validate() {},
  async apply(ctx) {
    await holdUntilReleased(ctx);
    return { type: 'abandon' };
  },
});
