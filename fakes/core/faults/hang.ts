/**
 * `hang`: hold the request without answering until the rule is removed, the client goes away or the
 * server stops. The held connection is then destroyed without a response (journal outcome `hung`),
 * so the client sees the failure it would see from a black-holed peer.
 */
import { defineFaultKind } from './fault-kind.js';

export const hangFault = defineFaultKind({
  kind: 'hang',
  fields: [],
  validate() {},
  async apply(ctx) {
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) return resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
      void ctx.whenRuleRemoved().then(resolve);
    });
    return { type: 'abandon' };
  },
});
