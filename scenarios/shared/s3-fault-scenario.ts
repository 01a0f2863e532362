/**
 * The shape shared by the S3 scenarios of the runbook's Step 5 (s3-throttling, s3-access-denied):
 * S3 fails for a fixed window while records keep arriving, then answers again.
 *
 *   t=0 seed ─ 10 s S3 fault ─────── 70 s lifted ─ … ─ drain ─ stop
 *        └── one record (one object) every 2 s until 180 s ──┘
 *
 * The lift is at a fixed time, not on a breaker transition: the runbook names no S3 breaker, so a
 * step cannot wait for one by name. Sixty seconds of failures are far more than failure_threshold
 * calls, so a breaker guarding S3 (the connector's README claims one) must open, keep requests away
 * while OPEN, go HALF_OPEN after the recovery timeout (by then S3 answers) and close
 * (`service_breaker`); when no breaker does, the verdict says "no breaker observed for S3".
 * Every record must arrive once S3 answers again: an object marked done while it could not be
 * read is lost.
 */
import type { FaultEffect } from '../../fakes/core/types.js';
import { defineScenario } from '../../harness/scenario/define-scenario.js';
import type { Expectation, Scenario } from '../../harness/scenario/types.js';
import { arrivalsEvery } from './arrivals.js';
import { breakerBounds } from './breaker-bounds.js';
import { drainAndStop } from './drain-and-stop.js';
import { FIRST_ARRIVAL_MS, FIRST_FAULT_MS, RECORDS_UNALTERED } from './integrity.js';
import { verificationChecklist } from './verification.js';

const OUTAGE_MS = 60_000;
const LAST_ARRIVAL_MS = 180_000;

export interface S3FaultScenarioInput {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly runbookRow: string;
  readonly tags: Scenario['tags'];
  readonly faultId: string;
  readonly faultDescription: string;
  /** One S3 operation, or every one when omitted. */
  readonly operation?: string;
  readonly effect: FaultEffect;
  readonly extraExpectations?: readonly Expectation[];
  /**
   * Judge `service_breaker` (default true). Off where the SDK's own retry backoff, which runs in
   * wall time and is not scaled by --time-scale, decides how many calls fit in the outage: the
   * verdict would then depend on the time scale rather than on the connector.
   */
  readonly judgeServiceBreaker?: boolean;
}

export function s3FaultScenario(input: S3FaultScenarioInput): Scenario {
  const bounds = breakerBounds();
  return defineScenario({
    id: input.id,
    title: input.title,
    description: input.description,
    runbookRow: input.runbookRow,
    tags: input.tags,
    seed: { records: 20, arrivals: arrivalsEvery(2_000, { fromMs: FIRST_ARRIVAL_MS, toMs: LAST_ARRIVAL_MS }) },
    pollIntervalMs: 1_000,
    deadlineMs: 360_000,
    steps: [
      {
        atMs: FIRST_FAULT_MS,
        name: 'inject',
        action: {
          kind: 'inject',
          fault: {
            id: input.faultId,
            description: input.faultDescription,
            target: { service: 's3', ...(input.operation ? { operation: input.operation } : {}) },
            effect: input.effect,
          },
        },
      },
      { atMs: FIRST_FAULT_MS + OUTAGE_MS, name: 's3-returns', action: { kind: 'clear', faultId: input.faultId } },
      ...drainAndStop(LAST_ARRIVAL_MS, 60_000),
    ],
    expectations: [
      ...(input.judgeServiceBreaker === false
        ? []
        : [
            {
              kind: 'service_breaker',
              service: 's3',
              recoveryTimeoutMs: bounds.recoveryMs,
              promise: 'service-breakers',
            } as const,
          ]),
      ...(input.extraExpectations ?? []),
      { kind: 'ledger', maxLost: 0, maxDuplicates: 0, maxUndelivered: 0, promise: 's3-errors-handled' },
      RECORDS_UNALTERED,
      { kind: 'target_alive' },
      ...verificationChecklist({ service: 's3', batches: false }),
    ],
  });
}
