/**
 * The one list of step actions; `StepAction` is derived from it, so an action added here is
 * typed, validated and runnable at once.
 */
import { got, isObject, type Problems, validateFields } from '../../common/validation/index.js';
import { clearAction } from './actions/clear.js';
import { injectAction } from './actions/inject.js';
import { markAction } from './actions/mark.js';
import { clearNetworkAction, injectNetworkAction } from './actions/network.js';
import { clearStoreFaultAction, storeFaultAction } from './actions/store-fault.js';
import {
  replayFailedAction,
  restartTargetAction,
  runIngestAction,
  stopTargetAction,
} from './actions/target-process.js';
import { waitAction } from './actions/wait.js';
import type { StepActionKind, StepActionSpec, StepValidationContext } from './define-step-action.js';
import type { StepOutcome, StepRuntime } from './step-runtime.js';

export const STEP_ACTIONS = [
  injectAction,
  clearAction,
  injectNetworkAction,
  clearNetworkAction,
  storeFaultAction,
  clearStoreFaultAction,
  restartTargetAction,
  stopTargetAction,
  replayFailedAction,
  runIngestAction,
  waitAction,
  markAction,
] as const;

type SpecOfKind<T> = T extends StepActionKind<infer K, infer F> ? StepActionSpec<K, F> : never;
export type StepAction = SpecOfKind<(typeof STEP_ACTIONS)[number]>;

// One cast, here: the map is keyed by kind, so a spec found under its kind matches that kind's type.
const BY_KIND = new Map<string, StepActionKind>(STEP_ACTIONS.map((k) => [k.kind, k as unknown as StepActionKind]));
const KIND_NAMES = STEP_ACTIONS.map((k) => k.kind).join(', ');

export function validateStepAction(
  input: unknown,
  path: string,
  context: StepValidationContext,
  problems: Problems,
): void {
  if (!isObject(input)) {
    problems.push(`${path}: is required, an object with kind (one of ${KIND_NAMES})`);
    return;
  }
  const kind = BY_KIND.get(input.kind as string);
  if (!kind) {
    const what =
      input.kind === undefined
        ? `is required (one of ${KIND_NAMES})`
        : `must be one of ${KIND_NAMES}, got ${got(input.kind)}`;
    problems.push(`${path}.kind: ${what}`);
    return;
  }
  if (validateFields(input, kind.fields, path, problems, context, ['kind']))
    kind.refine?.(input as StepActionSpec<string, never>, path, problems, context);
}

export function runStepAction(action: StepAction, runtime: StepRuntime): Promise<StepOutcome> {
  const kind = BY_KIND.get(action.kind);
  if (!kind) throw new Error(`Failed to run step: unknown action "${action.kind}" (known: ${KIND_NAMES}).`);
  return kind.run(action as StepActionSpec<string, never>, runtime);
}
