/**
 * Runbook row "429 Too Many Requests" (promise `rate-limit-retry-after`): Sentinel throttles
 * every upload with Retry-After: 1 s, sustained until the breaker opens, then lifted.
 * After a 429 no upload may reach Sentinel before Retry-After has passed (stated tolerance
 * 10%: ≥ 900 ms), whether it is a retry of the same call or the next call.
 */
import { sentinelBreakerScenario } from './shared/sentinel-breaker-scenario.js';

export default sentinelBreakerScenario({
  id: 'rate-limit',
  title: 'Sentinel rate limits uploads (429 with Retry-After), then lifts the limit',
  description:
    'Every Logs Ingestion upload gets 429 Too Many Requests with Retry-After: 1 s while records keep arriving. ' +
    'The connector must back off as told, open its azure-sentinel breaker at the runbook thresholds, ' +
    'keep failed batches, recover after the 60 s recovery timeout once the limit is lifted, ' +
    'and lose nothing after replay-failed.',
  tags: ['sentinel', 'breaker', 'replay', 'quick'],
  runbookRow:
    'Runbook › Troubleshooting › "429 Too Many Requests": the connector backs off honouring Retry-After; ' +
    'the azure-sentinel breaker opens after 5 consecutive failures (min 10 calls), ' +
    'goes HALF_OPEN after 60 s and closes after 2 successes; failed batches are replayed with replay-failed.',
  faultId: 'sentinel-429',
  faultDescription: 'Sentinel Upload → 429, Retry-After 1 s',
  effect: { kind: 'http_error', status: 429, retryAfterSeconds: 1 },
  liftStep: 'lift-rate-limit',
  // One upload per cycle: the next upload then waits a poll interval (1 s) after the last 429.
  // With one upload per record, a cycle's uploads go back to back and break Retry-After.
  targetOptions: { batch_size: '100' },
  extraExpectations: [
    {
      kind: 'retry_spacing',
      service: 'sentinel',
      operation: 'Upload',
      status: 429,
      minGapMs: 900,
      promise: 'rate-limit-retry-after',
    },
  ],
});
