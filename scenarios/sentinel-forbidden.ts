/**
 * Runbook Step 5 row "Sentinel | Auth failure (401/403) | Rotate credentials", the 403 half:
 * the identity is valid but not allowed to ingest into the data collection rule. Uploads must
 * fail fast (a 403 is not retried), the breaker opens, and once access is restored it recovers.
 */
import { RUNBOOK_BREAKER_DEFAULTS } from '../harness/domain/index.js';
import { sentinelBreakerScenario } from './shared/sentinel-breaker-scenario.js';

export default sentinelBreakerScenario({
  id: 'sentinel-forbidden',
  title: 'Sentinel forbids ingestion (403), then access is restored',
  description:
    'Every Logs Ingestion upload gets 403 Forbidden (the identity lacks the Monitoring Metrics Publisher role on ' +
    'the data collection rule) while records keep arriving. Uploads must fail fast, the azure-sentinel breaker ' +
    'must open at the runbook thresholds, failed batches must be kept, and once access is restored the breaker ' +
    'must recover after the 60 s recovery timeout and lose nothing after replay-failed.',
  tags: ['sentinel', 'breaker', 'replay'],
  runbookRow:
    'Runbook › Step 5 › "Sentinel | Auth failure (401/403) | Rotate credentials": uploads fail fast, the ' +
    'azure-sentinel breaker opens (5 consecutive failures, min 10 calls), goes HALF_OPEN after 60 s and closes ' +
    'after 2 successes once access is restored; failed batches are replayed with replay-failed.',
  faultId: 'sentinel-403',
  faultDescription: 'Sentinel Upload → 403 Forbidden',
  effect: {
    kind: 'http_error',
    status: 403,
    code: 'OperationFailed',
    message: 'The authentication token provided does not have access to ingest data for the data collection rule.',
  },
  liftStep: 'restore-access',
  extraExpectations: [
    {
      kind: 'request_count',
      name:
        `403 uploads fail fast (${RUNBOOK_BREAKER_DEFAULTS.failure_threshold}–` +
        `${RUNBOOK_BREAKER_DEFAULTS.min_calls_before_open} requests, no retries)`,
      service: 'sentinel',
      operation: 'Upload',
      status: 403,
      min: RUNBOOK_BREAKER_DEFAULTS.failure_threshold,
      max: RUNBOOK_BREAKER_DEFAULTS.min_calls_before_open,
      promise: 'auth-failure-breaker',
    },
  ],
});
