/**
 * Runbook row "401/403 authentication failures" (promise `auth-failure-breaker`): Sentinel
 * rejects every upload with 401 until the breaker opens; then credentials are restored.
 */
import { RUNBOOK_BREAKER_DEFAULTS } from '../harness/domain/index.js';
import { sentinelBreakerScenario } from './shared/sentinel-breaker-scenario.js';

export default sentinelBreakerScenario({
  id: 'auth-failure',
  title: 'Sentinel rejects credentials (401), then credentials are restored',
  description:
    'Every Logs Ingestion upload gets 401 Unauthorized while records keep arriving. ' +
    'Uploads must fail fast (no retry storm), the azure-sentinel breaker must open at the runbook thresholds, ' +
    'failed batches must be kept, and once credentials are restored the breaker must recover ' +
    'after the 60 s recovery timeout and lose nothing after replay-failed.',
  tags: ['sentinel', 'breaker', 'replay'],
  runbookRow:
    'Runbook › Troubleshooting › "401/403 authentication failures": uploads fail fast, ' +
    'the azure-sentinel breaker opens (5 consecutive failures, min 10 calls); ' +
    'after credentials are restored it goes HALF_OPEN after 60 s and closes after 2 successes; ' +
    'failed batches are replayed with replay-failed.',
  faultId: 'sentinel-401',
  faultDescription: 'Sentinel Upload → 401 Unauthorized',
  effect: {
    kind: 'http_error',
    status: 401,
    code: 'InvalidAuthenticationToken',
    message: 'The access token is invalid.',
  },
  liftStep: 'restore-credentials',
  // Fail fast: one request per failing call, so between failure_threshold and
  // min_calls_before_open 401s before the breaker opens (a retried 401 would show 4× as many).
  extraExpectations: [
    {
      kind: 'request_count',
      name:
        `401 uploads fail fast (${RUNBOOK_BREAKER_DEFAULTS.failure_threshold}–` +
        `${RUNBOOK_BREAKER_DEFAULTS.min_calls_before_open} requests, no retries)`,
      service: 'sentinel',
      operation: 'Upload',
      status: 401,
      min: RUNBOOK_BREAKER_DEFAULTS.failure_threshold,
      max: RUNBOOK_BREAKER_DEFAULTS.min_calls_before_open,
      promise: 'auth-failure-breaker',
    },
  ],
});
