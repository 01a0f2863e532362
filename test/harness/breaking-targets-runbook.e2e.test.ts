/**
 * Every runbook-catalogue scenario can fail (issue: the runbook table). Each case runs one
 * scenario against a reference target option that breaks the promise it carries, and checks the
 * verdict is `failed`, naming that expectation with its evidence. The same scenarios pass on the
 * default reference (the gate's own runs), so these failures come from the broken option alone.
 */
import { describe } from 'vitest';
import { type BreakingCase, itFailsOnEachCase } from './helpers/breaking-cases.js';

const CASES: readonly BreakingCase[] = [
  {
    scenario: 's3-access-denied',
    option: { no_s3_breaker: 'true' },
    kind: 'service_breaker',
    promise: 'service-breakers',
    observed: /^no breaker observed for S3$/,
    evidence: /GetObject → 403/,
  },
  {
    scenario: 's3-throttling',
    option: { skip_unreadable_objects: 'true' },
    kind: 'ledger',
    promise: 's3-errors-handled',
    observed: /"lost":[1-9]/,
  },
  {
    scenario: 'half-open-relapse',
    option: { real_reopen_wording: 'true' },
    kind: 'breaker_transitions',
    promise: 'half-open-relapse',
    observed: /^0/,
  },
  {
    scenario: 'flapping',
    option: { half_open_unlimited: 'true' },
    kind: 'half_open_probes',
    promise: 'breaker-half-open-call-limit',
    observed: /.+/,
    evidence: /HALF_OPEN/,
  },
  {
    scenario: 'restart-while-open',
    option: { forget_queue_on_restart: 'true' },
    kind: 'ledger',
    promise: 'replay-nothing-lost',
    observed: /"lost":[1-9]/,
  },
  {
    scenario: 'breaker-custom-config',
    option: { ignore_breaker_config: 'true' },
    kind: 'failures_before_open',
    promise: 'breaker-config-honoured',
    observed: /.+/,
  },
  {
    scenario: 'sentinel-forbidden',
    option: { drop_failed_batches: 'true' },
    kind: 'failed_calls_accounted',
    promise: 'failed-calls-accounted',
    observed: /.+/,
    evidence: /403/,
  },
  {
    scenario: 'half-open-slow',
    option: { skip_store_on_timeout: 'true' },
    kind: 'failed_calls_accounted',
    promise: 'failed-calls-accounted',
    observed: /.+/,
  },
  {
    scenario: 'keyvault-rate-limit',
    option: { kv_recovery_timeout: '10' },
    kind: 'open_duration',
    promise: 'breaker-half-open-after-timeout',
    observed: /.+/,
  },
];

describe.concurrent('a reference target that breaks a runbook-catalogue promise fails the scenario', () => {
  itFailsOnEachCase(CASES);
});
