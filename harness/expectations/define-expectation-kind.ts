/**
 * The contract of one expectation kind, in the style of `defineFaultKind`: its fields (from which
 * its spec type is inferred), cross-field rules, a one-line summary for docs, and a pure evaluator.
 * One file per kind under kinds/; registry.ts lists them. Adding a kind is one new file plus one
 * line in the registry list (CONTRIBUTING.md).
 *
 *   scenario JSON ─▶ validateFields(kind.fields) ─▶ kind.refine? ─▶ typed spec
 *   run events    ─▶ EvaluationContext ─▶ kind.evaluate(spec, ctx) ─▶ verdict ─▶ ResultExpectation
 *
 * @example
 *   export const targetAlive = defineExpectationKind({
 *     kind: 'target_alive',
 *     summary: 'The run process never exited on its own and /health kept answering.',
 *     fields: {},
 *     evaluate: (_spec, ctx) => ({
 *       name: 'target stayed alive', passed: …, expected: …, observed: …, evidence: […],
 *     }),
 *   });
 */
import type { FieldRecord, Problems, SpecOf } from '../../common/validation/index.js';
import type { EvaluationContext } from './evaluation-context.js';

/** What validating an expectation may consult besides its own fields. */
export interface ExpectationValidationContext {
  /** Names the timeline defines, so a reference to no step is reported before the run, not after. */
  readonly stepNames: ReadonlySet<string>;
}

/** A kind's spec as written in a scenario: its fields, its kind, and the runbook promise it checks. */
export type ExpectationSpec<K extends string, F extends FieldRecord> = SpecOf<F> & {
  readonly kind: K;
  /** Runbook promise id (scenarios/promises.ts) this expectation checks. */
  readonly promise?: string;
};

/** What an evaluator decides; the registry adds `kind` and `promise` to make a ResultExpectation. */
export interface ExpectationVerdict {
  readonly name: string;
  readonly passed: boolean;
  readonly expected: unknown;
  readonly observed: unknown;
  /** Log lines, journal entries and events that decided it. */
  readonly evidence: readonly string[];
}

export interface ExpectationKind<K extends string = string, F extends FieldRecord = FieldRecord> {
  readonly kind: K;
  /** One sentence: what the kind checks (docs and `--help`). */
  readonly summary: string;
  readonly fields: F;
  /** Rules across fields (min ≤ max, a step name that exists), after each field passed its own check. */
  refine?(spec: SpecOf<F>, path: string, problems: Problems, context: ExpectationValidationContext): void;
  /**
   * Whether the kind judges each `run` replica on its own when the target runs several
   * (expectations/replica-view.ts): true for what lives in one process (its breakers, its health,
   * its failed-batch store, its retry pacing). Default false: judged over the whole run (the ledger).
   */
  perReplica?: boolean | ((spec: SpecOf<F>) => boolean);
  evaluate(spec: ExpectationSpec<K, F>, ctx: EvaluationContext): ExpectationVerdict;
}

/** Identity helper that infers the spec type from `fields`, so `evaluate` is typed against it. */
export function defineExpectationKind<const K extends string, const F extends FieldRecord>(
  kind: ExpectationKind<K, F>,
): ExpectationKind<K, F> {
  return kind;
}
