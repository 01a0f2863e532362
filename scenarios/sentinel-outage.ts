/**
 * Runbook row "503 Service Unavailable" (promise `outage-breaker`): Sentinel is down for every
 * upload until the breaker opens, then comes back.
 *
 * @note The 503s carry Retry-After: 1 s. The reference target's SDK waits in WALL time for its
 * own exponential backoff, which a time scale cannot compress; with Retry-After the wait is set
 * by the fake in target time, so the scenario behaves the same at every --time-scale.
 */
import { sentinelBreakerScenario } from './shared/sentinel-breaker-scenario.js';

export default sentinelBreakerScenario({
  id: 'sentinel-outage',
  title: 'Sentinel is unavailable (503), then comes back',
  description:
    'Every Logs Ingestion upload gets 503 Service Unavailable (Retry-After: 1 s) while records keep arriving. ' +
    'The connector must retry, open its azure-sentinel breaker at the runbook thresholds, keep failed batches, ' +
    'recover after the 60 s recovery timeout once the service returns, and lose nothing after replay-failed.',
  tags: ['sentinel', 'breaker', 'replay'],
  runbookRow:
    'Runbook › Troubleshooting › "503 Service Unavailable": uploads are retried, ' +
    'then the azure-sentinel breaker opens (5 consecutive failures, min 10 calls), ' +
    'goes HALF_OPEN after 60 s and closes after 2 successes; failed batches are replayed with replay-failed.',
  faultId: 'sentinel-503',
  faultDescription: 'Sentinel Upload → 503, Retry-After 1 s',
  effect: { kind: 'http_error', status: 503, retryAfterSeconds: 1 },
  liftStep: 'service-returns',
  extraExpectations: [
    {
      kind: 'request_count',
      name: 'uploads retried under 503 (more than one request per failing call)',
      service: 'sentinel',
      operation: 'Upload',
      status: 503,
      min: 10,
      promise: 'outage-breaker',
    },
  ],
});
