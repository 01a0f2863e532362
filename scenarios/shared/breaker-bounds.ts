/**
 * Bounds derived from the breaker configuration under test (runbook defaults unless a scenario
 * declares its own, Step 4 Option B), never from what a target reports it runs with: a target
 * configured to break a promise must fail, not move the goalposts.
 */
import { type BreakerConfig, RUNBOOK_BREAKER_DEFAULTS } from '../../harness/domain/breaker.js';

/**
 * HALF_OPEN cannot come before recovery_timeout after OPEN; then two successful calls must happen,
 * each waiting for the next arriving record (≤ 2 s) and the next poll (1 s). Stated tolerance: 15 s
 * above the timeout, 2 s below it (the harness reacts to the OPEN log line a little after it).
 */
export const RECOVERY_TOLERANCE_MS = 15_000;
export const RECOVERY_EARLY_TOLERANCE_MS = 2_000;

export interface BreakerBounds {
  readonly config: BreakerConfig;
  /** Only the fields the scenario changed, for `Scenario.breakerConfig` (undefined: runbook defaults). */
  readonly override: Partial<BreakerConfig> | undefined;
  readonly recoveryMs: number;
  readonly openMinMs: number;
  readonly openMaxMs: number;
}

export function breakerBounds(override?: Partial<BreakerConfig>): BreakerBounds {
  const config = { ...RUNBOOK_BREAKER_DEFAULTS, ...override };
  const recoveryMs = config.recovery_timeout * 1_000;
  return {
    config,
    override: override && Object.keys(override).length > 0 ? override : undefined,
    recoveryMs,
    openMinMs: recoveryMs - RECOVERY_EARLY_TOLERANCE_MS,
    openMaxMs: recoveryMs + RECOVERY_TOLERANCE_MS,
  };
}
