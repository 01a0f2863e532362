/**
 * The runbook's Verification checklist as post-conditions, for every breaker scenario:
 *   - [ ] Circuit breaker returned to CLOSED state       → final_breaker_state
 *   - [ ] Service requests succeeding (check logs)         → last_requests_succeeded
 *   - [ ] Failed batches being processed (if any queued)   → failed_batches_drained
 *   - [ ] Monitoring alerts cleared                        → (alert evaluation, when rules are given)
 */
import type { ServiceName } from '../../harness/domain/services.js';
import type { Expectation } from '../../harness/scenario/types.js';

/** Enough calls after recovery to show the service answering, beyond the success_threshold probes. */
export const VERIFY_LAST_REQUESTS = 3;

export function verificationChecklist(input: {
  /** The breaker the runbook names, or undefined when it names none (S3): then only the service is checked. */
  readonly breaker?: string;
  readonly service: ServiceName;
  readonly operation?: string;
  /** False where the scenario keeps no failed batches (Key Vault faults). */
  readonly batches?: boolean;
}): Expectation[] {
  return [
    ...(input.breaker
      ? [{ kind: 'final_breaker_state', breaker: input.breaker, promise: 'verification-checklist' } as const]
      : []),
    {
      kind: 'last_requests_succeeded',
      service: input.service,
      ...(input.operation ? { operation: input.operation } : {}),
      count: VERIFY_LAST_REQUESTS,
      promise: 'verification-checklist',
    },
    ...(input.batches === false
      ? []
      : [{ kind: 'failed_batches_drained', promise: 'verification-checklist' } as const]),
  ];
}
