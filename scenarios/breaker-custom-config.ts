/**
 * Runbook Step 4 Option B: "Adjust Circuit Breaker Config (Temporary)", with the runbook's own
 * example `CircuitBreakerConfig(recovery_timeout=300, failure_threshold=10)`. Every bound derives
 * from that configuration under test: the breaker must not open before 10 consecutive failures,
 * and must stay OPEN for 300 s. At --time-scale 10 the recovery takes 30 s of wall time.
 *
 * @note The runbook says the configuration is set in code. A target that can only take it through
 * a code change (the python connector) needs `--shim breaker-config`, and says so; without it the
 * scenario is not applicable and its promise is not exercised.
 */
import { sentinelBreakerScenario } from './shared/sentinel-breaker-scenario.js';

const CUSTOM = { recovery_timeout: 300, failure_threshold: 10 } as const;

export default sentinelBreakerScenario({
  id: 'breaker-custom-config',
  title: 'A custom breaker configuration (recovery_timeout=300, failure_threshold=10) under a Sentinel outage',
  description:
    "The connector runs with the runbook's example CircuitBreakerConfig(recovery_timeout=300, " +
    'failure_threshold=10). Every upload gets 503 until the breaker opens: it must open only after 10 ' +
    'consecutive failures, stay OPEN for 300 s, then recover and lose nothing after replay-failed.',
  tags: ['sentinel', 'breaker'],
  runbookRow:
    'Runbook › Step 4 › Option B "Adjust Circuit Breaker Config (Temporary)": ' +
    'CircuitBreakerConfig(recovery_timeout=300, failure_threshold=10).',
  faultId: 'sentinel-503-custom',
  faultDescription: 'Sentinel Upload → 503, Retry-After 1 s',
  effect: { kind: 'http_error', status: 503, retryAfterSeconds: 1 },
  liftStep: 'service-returns',
  breaker: CUSTOM,
});
