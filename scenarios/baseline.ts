/**
 * The steady-state hypothesis on its own, with no fault at all: several hundred records arrive
 * over dozens of polls and each is delivered exactly once, unaltered, within three poll
 * intervals. Every other scenario checks the same hypothesis before its fault and after recovery;
 * this one says whether the build is steady to begin with.
 */
import { defineScenario } from '../harness/scenario/define-scenario.js';
import { arrivalsEvery } from './shared/arrivals.js';
import { FIRST_ARRIVAL_MS, RECORDS_UNALTERED } from './shared/integrity.js';

const LAST_ARRIVAL_MS = 40_000;
const RECORDS_PER_ARRIVAL = 25;

export default defineScenario({
  id: 'baseline',
  title: 'No fault: every record delivered exactly once, unaltered',
  description:
    `50 records are waiting at start and ${RECORDS_PER_ARRIVAL} more arrive every 2 s for 40 s ` +
    '(five-line firewall objects). With every service healthy, each record must reach Sentinel exactly once, ' +
    'within three poll intervals of its arrival, with every declared column intact.',
  tags: ['integrity', 'quick'],
  runbookRow:
    'Runbook › Verification checklist: "Service requests succeeding"; the steady state every other ' +
    'scenario is measured against.',
  seed: {
    records: 50,
    arrivals: arrivalsEvery(2_000, { fromMs: FIRST_ARRIVAL_MS, toMs: LAST_ARRIVAL_MS }, RECORDS_PER_ARRIVAL),
  },
  pollIntervalMs: 1_000,
  // One upload per object at most: a record per upload would measure the SDK's per-call cost
  // (wall time, which a time scale cannot compress) rather than the connector's steadiness.
  targetOptions: { batch_size: '25' },
  deadlineMs: 120_000,
  steps: [
    {
      atMs: LAST_ARRIVAL_MS + 5_000,
      name: 'drain',
      action: { kind: 'wait', until: { kind: 'all_seeded_delivered' }, timeoutMs: 30_000 },
    },
    { atMs: 0, name: 'stop', action: { kind: 'stop_target' } },
  ],
  expectations: [
    { kind: 'ledger', maxLost: 0, maxDuplicates: 0, maxUndelivered: 0, promise: 'no-duplicates' },
    RECORDS_UNALTERED,
    { kind: 'target_alive' },
  ],
});
