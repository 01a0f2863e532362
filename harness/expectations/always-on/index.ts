/** The checks every run gets, in the order they appear in the result file. */
import type { AlwaysOnCheck } from './define-always-on-check.js';
import { failedBatchesSurviveRestart } from './failed-batches-survive-restart.js';
import { failedBatchesWhereConfigured } from './failed-batches-where-configured.js';
import { noImpossibleTransitions } from './no-impossible-transitions.js';
import { steadyStateAfter, steadyStateBefore } from './steady-state.js';
import { uploadsReachedSentinel } from './uploads-reached-sentinel.js';

export const ALWAYS_ON_CHECKS: readonly AlwaysOnCheck[] = [
  noImpossibleTransitions,
  uploadsReachedSentinel,
  steadyStateBefore,
  steadyStateAfter,
  failedBatchesSurviveRestart,
  failedBatchesWhereConfigured,
];
export type { AlwaysOnCheck } from './define-always-on-check.js';
export { defineAlwaysOnCheck } from './define-always-on-check.js';
