/**
 * The real-time witness: rate-limit at the default --time-scale 1 against the reference target
 * (about 3 minutes), the runbook's 60 s recovery timeout included. Every other scenario runs at
 * ×10 in the gate test (test/reports/gate.e2e.test.ts); this one shows the scaled runs measure
 * what a real-time run measures.
 */
import { describeScaleOneRun } from './helpers/scale-one.js';

describeScaleOneRun('rate-limit');
