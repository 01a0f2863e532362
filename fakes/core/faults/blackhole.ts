/**
 * `blackhole`: accept the request and read its whole body, then never answer, until the rule is
 * removed, the client goes away or the server stops; the connection is then destroyed without a
 * response (journal outcome `hung`, `bytesIn` the body size). The client's request is fully sent and
 * met with silence, as behind a peer that swallows traffic. Compare `hang`, which reads no body.
 */
import { defineFaultKind } from './fault-kind.js';
import { holdUntilReleased } from './hold-until-released.js';

export interface BlackholeEffect {
  readonly kind: 'blackhole';
}

export const blackholeFault = defineFaultKind<BlackholeEffect>({
  kind: 'blackhole',
  fields: [],
  stage: 'body',
  validate() {},
  async apply(ctx) {
    await holdUntilReleased(ctx);
    return { type: 'abandon' };
  },
});
