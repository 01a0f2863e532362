/**
 * The operator's view of a breaker scenario (issue 16), judged with Prometheus's own rule engine:
 *   - When to Use: `Alert: "Circuit breaker OPEN for [service-name]"`   → alert_fires
 *   - the readiness the deployment probes while waiting                  → ready_reflects_breaker
 *   - the rules watch series that exist; the failed-batch gauge is true  → rules_watch_real_series,
 *                                                                          gauge_matches_disk
 *   - Verification: "Monitoring alerts cleared"                          → alerts_cleared
 */
import type { Expectation } from '../../harness/scenario/types.js';

export interface OperatorViewInput {
  readonly breaker: string;
  /** Turns ready_reflects_breaker off, with the reason the report shows. */
  readonly readinessOff?: string;
}

export function operatorView(input: OperatorViewInput): Expectation[] {
  return [
    { kind: 'alert_fires', breaker: input.breaker, promise: 'alert-when-open' },
    {
      kind: 'ready_reflects_breaker',
      breaker: input.breaker,
      ...(input.readinessOff !== undefined ? { off: input.readinessOff } : {}),
      promise: 'ready-reflects-breaker',
    },
    { kind: 'rules_watch_real_series', promise: 'alert-rules-watch-real-series' },
    { kind: 'gauge_matches_disk', promise: 'failed-batch-gauge-truthful' },
    { kind: 'alerts_cleared', promise: 'alerts-cleared' },
  ];
}
