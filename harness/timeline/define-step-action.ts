/**
 * The contract of one step action (what a timeline step does), in the style of `defineFaultKind`:
 * fields (the spec type is inferred from them), order-dependent checks against what earlier steps
 * defined, and `run` over the StepRuntime. One file per action under actions/; registry.ts lists them.
 */
import type { FieldRecord, Problems, SpecOf } from '../../common/validation/index.js';
import type { StepOutcome, StepRuntime } from './step-runtime.js';

/** What earlier steps defined, so later ones can be checked against it (order matters). */
export interface StepValidationContext {
  readonly faultIds: Set<string>;
  readonly networkFaultIds: Set<string>;
  readonly networkServices: ReadonlySet<string>;
  /** The scenario's deadline, target ms, when valid: no step may wait past it. */
  readonly deadlineMs: number | undefined;
}

export type StepActionSpec<K extends string, F extends FieldRecord> = SpecOf<F> & { readonly kind: K };

export interface StepActionKind<K extends string = string, F extends FieldRecord = FieldRecord> {
  readonly kind: K;
  readonly summary: string;
  readonly fields: F;
  /** Checks against earlier steps (a clear names an injected fault) and records what this step defines. */
  refine?(spec: SpecOf<F>, path: string, problems: Problems, context: StepValidationContext): void;
  run(spec: StepActionSpec<K, F>, runtime: StepRuntime): Promise<StepOutcome>;
}

export function defineStepAction<const K extends string, const F extends FieldRecord>(
  kind: StepActionKind<K, F>,
): StepActionKind<K, F> {
  return kind;
}
