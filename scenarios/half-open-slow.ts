/**
 * Runbook "When Circuit Won't Close", item 3: "Check timeouts: Service may be slow, causing timeout
 * failures". Sentinel fails until the breaker opens, then comes back slower than the 30 s operation
 * timeout: the HALF_OPEN probe must time out, the timeout must count as a failure (re-open, logged
 * HALF_OPEN → OPEN), and once the service is fast again the breaker closes; nothing is lost.
 */
import { RUNBOOK_BREAKER_DEFAULTS } from '../harness/domain/index.js';
import { sentinelBreakerScenario } from './shared/sentinel-breaker-scenario.js';

/** Slower than the operation timeout, by a margin the SDK's own timeouts do not reach first. */
const SLOW_MS = RUNBOOK_BREAKER_DEFAULTS.operation_timeout * 1_000 + 15_000;

export default sentinelBreakerScenario({
  id: 'half-open-slow',
  title: 'Sentinel comes back slower than the operation timeout while the breaker probes',
  description:
    'Every upload gets 503 until the azure-sentinel breaker opens; then Sentinel answers, but only after ' +
    `${SLOW_MS / 1_000} s, longer than the 30 s operation timeout. The HALF_OPEN probe must time out, count as ` +
    'a failure and re-open the breaker (logged HALF_OPEN → OPEN); once Sentinel is fast again the breaker must ' +
    'close, every failed call must be kept, and nothing may be lost after replay-failed.',
  tags: ['sentinel', 'breaker', 'replay'],
  runbookRow:
    'Runbook › "When Circuit Won\'t Close" › 3. "Check timeouts: Service may be slow, causing timeout failures"; ' +
    'operation_timeout=30.',
  faultId: 'sentinel-503',
  faultDescription: 'Sentinel Upload → 503, Retry-After 1 s, until the breaker opens',
  effect: { kind: 'http_error', status: 503, retryAfterSeconds: 1 },
  halfOpenFault: {
    description: `Sentinel Upload answered after ${SLOW_MS / 1_000} s (slower than operation_timeout)`,
    effect: { kind: 'latency', latencyMs: SLOW_MS },
  },
  liftStep: 'service-fast-again',
  relapsePromise: 'slow-service-timeout',
});
