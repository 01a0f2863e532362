/**
 * Every record-integrity and delivery-path expectation can fail (issue: judge what the connector
 * actually did). Each case runs a whole scenario against a reference option that breaks one
 * promise the way the real connector might, and checks the verdict is `failed`, naming the
 * expectation with evidence: field diffs, record ids, call ids, file names.
 */
import { describe } from 'vitest';
import { type BreakingCase, itFailsOnEachCase } from './helpers/breaking-cases.js';

const CASES: readonly BreakingCase[] = [
  {
    scenario: 'replay-while-failing',
    option: { alter_on_replay: 'true' },
    kind: 'records_unaltered',
    promise: 'records-unaltered',
    observed: /"altered":[1-9]/,
    evidence: /SourceIP/,
  },
  {
    scenario: 'baseline',
    option: { drop_column: 'SourceIP' },
    kind: 'records_unaltered',
    promise: 'records-unaltered',
    observed: /"missingFields":[1-9]/,
    evidence: /SourceIP/,
  },
  {
    scenario: 'baseline',
    option: { whole_object_record: 'true' },
    kind: 'ledger',
    promise: 'no-duplicates',
    observed: /"(lost|undelivered)":[1-9]/,
  },
  {
    scenario: 'replay-while-failing',
    option: { archive_on_failure: 'true' },
    kind: 'archives_only_delivered',
    promise: 'replay-archives-only-delivered',
    observed: /.+/,
    evidence: /left the directory; undelivered record\(s\)/,
  },
  {
    scenario: 'replay-while-failing',
    option: { replay_report_lies: 'true' },
    kind: 'replay_report_truthful',
    promise: 'replay-report-truthful',
    observed: /.+/,
    evidence: /exited 0|says archived=/,
  },
  {
    // Toxiproxy holds these calls before the fake sees them, so no journal entry carries the call:
    // the ledger, not failed_calls_accounted, catches the loss here (half-open-slow, with the delay
    // in the fake, covers failed_calls_accounted for timeouts).
    scenario: 'sentinel-latency',
    option: { skip_store_on_timeout: 'true' },
    kind: 'ledger',
    promise: 'replay-nothing-lost',
    observed: /"lost":[1-9]/,
  },
  {
    scenario: 'ingest-under-outage',
    option: { oneshot_exit_zero: 'true' },
    kind: 'oneshot_exit_truthful',
    promise: 'oneshot-exit-truthful',
    observed: /exited 0/,
  },
];

describe.concurrent('a reference target that alters, drops or misreports records fails the scenario', () => {
  itFailsOnEachCase(CASES);
});
