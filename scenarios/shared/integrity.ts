/**
 * What every scenario with failed batches also checks: records arrive unaltered, every failed
 * upload is accounted for, replay archives only what it delivered and tells the truth about it,
 * and the replay promise holds by replay (not by reading the source again).
 */
import type { Expectation } from '../../harness/scenario/types.js';

/** Fresh records arrive from here on, and the first fault comes after a few of them (steady state before). */
export const FIRST_ARRIVAL_MS = 2_000;
export const FIRST_FAULT_MS = 10_000;

export const RECORDS_UNALTERED: Expectation = { kind: 'records_unaltered', promise: 'records-unaltered' };

export const REPLAY_EXPECTATIONS: readonly Expectation[] = [
  { kind: 'failed_calls_accounted', promise: 'failed-calls-accounted' },
  { kind: 'archives_only_delivered', promise: 'replay-archives-only-delivered' },
  { kind: 'replay_report_truthful', promise: 'replay-report-truthful' },
  { kind: 'ledger', maxLost: 0, maxUndelivered: 0, maxReRead: 0, promise: 'replay-nothing-lost' },
];
