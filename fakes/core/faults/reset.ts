/** `reset`: the connection is closed with a TCP RST before any byte of a response is written. */
import { defineFaultKind } from './fault-kind.js';

export interface ResetEffect {
  readonly kind: 'reset';
}

export const resetFault = defineFaultKind<ResetEffect>({
  kind: 'reset',
  fields: [],
  validate() {},
  async apply() {
    return { type: 'reset' };
  },
});
