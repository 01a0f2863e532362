/**
 * The one list of expectation kinds. A scenario's `Expectation` type is derived from it, so a kind
 * added here is at once typed, validated, evaluated and documented (`npm run scenario -- --kinds`).
 */
import {
  type FieldRecord,
  got,
  isObject,
  type Problems,
  type SpecOf,
  validateFields,
} from '../../common/validation/index.js';
import { replicaLabel } from '../domain/replica.js';
import type { ResultExpectation } from '../result/result-schema.js';
import type { ExpectationKind, ExpectationSpec, ExpectationValidationContext } from './define-expectation-kind.js';
import type { EvaluationContext } from './evaluation-context.js';
import { alertFires } from './kinds/alert-fires.js';
import { alertsCleared } from './kinds/alerts-cleared.js';
import { archivesOnlyDelivered } from './kinds/archives-only-delivered.js';
import { breakerSequence } from './kinds/breaker-sequence.js';
import { breakerTransitions } from './kinds/breaker-transitions.js';
import { failedBatchesDrained } from './kinds/failed-batches-drained.js';
import { failedBatchesWritten } from './kinds/failed-batches-written.js';
import { failedCallsAccounted } from './kinds/failed-calls-accounted.js';
import { failuresBeforeOpen } from './kinds/failures-before-open.js';
import { finalBreakerState } from './kinds/final-breaker-state.js';
import { gaugeMatchesDisk } from './kinds/gauge-matches-disk.js';
import { halfOpenProbes } from './kinds/half-open-probes.js';
import { lastRequestsSucceeded } from './kinds/last-requests-succeeded.js';
import { ledger } from './kinds/ledger.js';
import { oneshotExitTruthful } from './kinds/oneshot-exit-truthful.js';
import { openDuration } from './kinds/open-duration.js';
import { readyReflectsBreaker } from './kinds/ready-reflects-breaker.js';
import { recordsUnaltered } from './kinds/records-unaltered.js';
import { recoveryTime } from './kinds/recovery-time.js';
import { replayReportTruthful } from './kinds/replay-report-truthful.js';
import { requestCount } from './kinds/request-count.js';
import { retriesPerCall } from './kinds/retries-per-call.js';
import { retrySpacing } from './kinds/retry-spacing.js';
import { rulesWatchRealSeries } from './kinds/rules-watch-real-series.js';
import { secretServedFromCache } from './kinds/secret-served-from-cache.js';
import { serviceBreaker } from './kinds/service-breaker.js';
import { targetAlive } from './kinds/target-alive.js';
import { replicasOf, replicaView } from './replica-view.js';

export const EXPECTATION_KINDS = [
  breakerSequence,
  recoveryTime,
  openDuration,
  requestCount,
  retrySpacing,
  ledger,
  failedBatchesWritten,
  targetAlive,
  secretServedFromCache,
  finalBreakerState,
  recordsUnaltered,
  failedCallsAccounted,
  archivesOnlyDelivered,
  replayReportTruthful,
  oneshotExitTruthful,
  breakerTransitions,
  halfOpenProbes,
  serviceBreaker,
  lastRequestsSucceeded,
  failedBatchesDrained,
  failuresBeforeOpen,
  retriesPerCall,
  alertFires,
  alertsCleared,
  rulesWatchRealSeries,
  readyReflectsBreaker,
  gaugeMatchesDisk,
] as const;

type SpecOfKind<T> = T extends ExpectationKind<infer K, infer F> ? ExpectationSpec<K, F> : never;
/** Every expectation a scenario can declare: the union of the registered kinds' specs. */
export type Expectation = SpecOfKind<(typeof EXPECTATION_KINDS)[number]>;
export type ExpectationKindName = Expectation['kind'];

// One cast, here: the map is keyed by kind, so a spec found under its kind matches that kind's type.
const BY_KIND: ReadonlyMap<string, ExpectationKind> = new Map(
  EXPECTATION_KINDS.map((k) => [k.kind, k as unknown as ExpectationKind]),
);
type SpecOfAny = SpecOf<FieldRecord>;
const KIND_NAMES = EXPECTATION_KINDS.map((k) => k.kind).join(', ');

/** Validates one expectation at `path`, pushing every problem. */
export function validateExpectation(
  input: unknown,
  path: string,
  context: ExpectationValidationContext,
  problems: Problems,
): void {
  if (!isObject(input)) {
    problems.push(`${path}: must be an object with kind (one of ${KIND_NAMES})`);
    return;
  }
  const kind = BY_KIND.get(input.kind as string);
  if (!kind) {
    const what = input.kind === undefined ? 'is required' : `must be one of ${KIND_NAMES}, got ${got(input.kind)}`;
    problems.push(`${path}.kind: ${input.kind === undefined ? `${what} (one of ${KIND_NAMES})` : what}`);
    return;
  }
  const promiseOk = input.promise === undefined || (typeof input.promise === 'string' && input.promise !== '');
  if (!promiseOk)
    problems.push(`${path}.promise: must be a non-empty string (a promise id), got ${got(input.promise)}`);
  if (validateFields(input, kind.fields, path, problems, context, ['kind', 'promise']))
    kind.refine?.(input as SpecOfAny, path, problems, context);
}

export function evaluateExpectation(spec: Expectation, ctx: EvaluationContext): ResultExpectation {
  const kind = kindOf(spec);
  return toResult(kind.evaluate(spec as ExpectationSpec<string, FieldRecord>, ctx), spec.kind, spec.promise);
}

/**
 * One result, or one per replica (named `… [r2]`) for a per-replica kind when the target ran
 * several `run` replicas (replica-view.ts).
 */
export function judgeExpectation(spec: Expectation, ctx: EvaluationContext): ResultExpectation[] {
  const kind = kindOf(spec);
  const typed = spec as ExpectationSpec<string, FieldRecord>;
  const perReplica = typeof kind.perReplica === 'function' ? kind.perReplica(typed) : kind.perReplica === true;
  const replicas = perReplica ? replicasOf(ctx.events) : [];
  if (replicas.length <= 1) return [evaluateExpectation(spec, ctx)];
  return replicas.map((replica) => {
    const verdict = kind.evaluate(typed, replicaView(ctx, replica));
    return toResult({ ...verdict, name: `${verdict.name} [${replicaLabel(replica)}]` }, spec.kind, spec.promise);
  });
}

function kindOf(spec: Expectation): ExpectationKind {
  const kind = BY_KIND.get(spec.kind);
  if (!kind) throw new Error(`Failed to evaluate expectation: unknown kind "${spec.kind}" (known: ${KIND_NAMES}).`);
  return kind;
}

/** Same key order in every result file, whatever order an evaluator built its object in. */
export function toResult(
  v: { name: string; passed: boolean; expected: unknown; observed: unknown; evidence: readonly string[] },
  kind: string,
  promise?: string,
): ResultExpectation {
  const base = { name: v.name, kind, passed: v.passed, expected: v.expected, observed: v.observed };
  return { ...base, evidence: v.evidence, ...(promise !== undefined ? { promise } : {}) };
}
