/**
 * The implicit fault: no rule fired (or its schedule skipped this request). Not a rule kind; it is
 * the one code path by which every unfaulted request reaches the service.
 */
import type { FaultOutcome } from './fault-kind.js';

export const PASSTHROUGH: FaultOutcome = Object.freeze({ type: 'passthrough' });
