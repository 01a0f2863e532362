/**
 * Runbook "When Circuit Won't Close", item 2: "Half-open requests may still be failing". The
 * outage outlasts the first recovery timeout, so the first HALF_OPEN probe meets the fault: the
 * breaker must re-open (logged as a transition FROM HALF_OPEN, which is what an operator greps for),
 * wait the recovery timeout again, and close once the service is back. The probe limit is judged
 * per HALF_OPEN window.
 */
import { sentinelBreakerScenario } from './shared/sentinel-breaker-scenario.js';

export default sentinelBreakerScenario({
  id: 'half-open-relapse',
  title: 'Sentinel is still failing when the breaker probes (HALF_OPEN → OPEN), then recovers',
  description:
    'Every upload gets 503 (Retry-After: 1 s) for longer than the recovery timeout, so the first HALF_OPEN ' +
    'probes fail. The azure-sentinel breaker must re-open, logging HALF_OPEN → OPEN, let at most ' +
    'half_open_max_calls probes through in each HALF_OPEN window, stay OPEN for the recovery timeout again, ' +
    'and close once the service answers; nothing may be lost after replay-failed.',
  tags: ['sentinel', 'breaker', 'replay'],
  runbookRow:
    'Runbook › "When Circuit Won\'t Close" › 2. "Check success threshold: Half-open requests may still be ' +
    'failing" and "Half-open test: 3 requests allowed (half_open_max_calls)".',
  faultId: 'sentinel-503-long',
  faultDescription: 'Sentinel Upload → 503, Retry-After 1 s, until the breaker has re-opened once',
  effect: { kind: 'http_error', status: 503, retryAfterSeconds: 1 },
  liftStep: 'service-returns',
  relapses: 1,
});
