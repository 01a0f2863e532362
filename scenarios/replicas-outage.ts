/**
 * A Sentinel outage (503) with every replica of the Deployment running (the connector's manifest
 * runs 3; `--replicas N` on the container target). Each replica's breaker must keep the runbook's
 * promises on its own (expectations are judged per replica, lanes `[r1]`, `[r2]`, …), the fault is
 * lifted only once every replica's breaker is OPEN, replay runs in every replica (as `kubectl
 * exec` into each pod would), and the ledger counts deliveries across replicas: a record two
 * replicas both delivered is a duplicate, however healthy each replica looks alone.
 *
 * @note On a target without replicas this is the sentinel-outage scenario with one process.
 */
import { sentinelBreakerScenario } from './shared/sentinel-breaker-scenario.js';

export default sentinelBreakerScenario({
  id: 'replicas-outage',
  title: 'Sentinel is unavailable (503) while every replica runs, then comes back',
  description:
    'Every Logs Ingestion upload gets 503 Service Unavailable (Retry-After: 1 s) while all replicas of the ' +
    'Deployment read the same bucket. Each replica must open its own azure-sentinel breaker at the runbook ' +
    'thresholds, keep its failed batches, recover after the 60 s recovery timeout once the service returns, and ' +
    'after replay in every replica each record must have reached Sentinel exactly once across the replicas.',
  runbookRow:
    'Runbook › Troubleshooting › "503 Service Unavailable", with the Deployment as shipped (3 replicas): uploads ' +
    "are retried, each replica's azure-sentinel breaker opens (5 consecutive failures, min 10 calls), goes " +
    'HALF_OPEN after 60 s and closes after 2 successes; failed batches are replayed with replay-failed.',
  tags: ['sentinel', 'breaker', 'replay'],
  faultId: 'sentinel-503-all-replicas',
  faultDescription: 'Sentinel Upload → 503, Retry-After 1 s (every replica)',
  effect: { kind: 'http_error', status: 503, retryAfterSeconds: 1 },
  liftStep: 'service-returns',
});
