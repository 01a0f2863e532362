/**
 * `hang`: hold the request as soon as its head arrives, without reading any of its body, until the
 * rule is removed, the client goes away or the server stops. The held connection is then destroyed
 * without a response (journal outcome `hung`, `bytesIn` 0). The fake never drains the socket, so an
 * upload larger than the socket buffers stalls mid-body, as against a peer that stopped reading.
 * Compare `blackhole`, which reads the whole body first.
 */
import { defineFaultKind } from './fault-kind.js';
import { holdUntilReleased } from './hold-until-released.js';

export interface HangEffect {
  readonly kind: 'hang';
}

export const hangFault = defineFaultKind<HangEffect>({
  kind: 'hang',
  fields: [],
  stage: 'head',
  validate() {},
  async apply(ctx) {
    await holdUntilReleased(ctx);
    return { type: 'abandon' };
  },
});
