/**
 * The one list of step conditions; `Condition` (a step's `when` or a wait's `until`) is derived
 * from it, so a condition added here is typed, validated, checked and described at once.
 */
import { got, isObject, type Problems, validateFields } from '../../common/validation/index.js';
import type { LiveState } from '../observe/live-state.js';
import type { ConditionKind, ConditionSpec } from './define-condition.js';
import { breakerStateCondition } from './kinds/breaker-state.js';
import { breakerTransitionsAtLeast } from './kinds/breaker-transitions.js';
import { allSeededDelivered, deliveredAtLeast } from './kinds/delivered.js';
import { failedBatchFilesAtLeast } from './kinds/failed-batch-files.js';
import { requestsAtLeast } from './kinds/requests.js';
import { targetExited } from './kinds/target-exited.js';

export const CONDITION_KINDS = [
  breakerStateCondition,
  breakerTransitionsAtLeast,
  failedBatchFilesAtLeast,
  deliveredAtLeast,
  allSeededDelivered,
  requestsAtLeast,
  targetExited,
] as const;

type SpecOfKind<T> = T extends ConditionKind<infer K, infer F> ? ConditionSpec<K, F> : never;
export type Condition = SpecOfKind<(typeof CONDITION_KINDS)[number]>;

// One cast, here: the map is keyed by kind, so a spec found under its kind matches that kind's type.
const BY_KIND = new Map<string, ConditionKind>(CONDITION_KINDS.map((k) => [k.kind, k as unknown as ConditionKind]));
const KIND_NAMES = CONDITION_KINDS.map((k) => k.kind).join(', ');

function kindOf(condition: Condition): ConditionKind {
  const kind = BY_KIND.get(condition.kind);
  if (!kind) throw new Error(`Failed to check condition: unknown kind "${condition.kind}" (known: ${KIND_NAMES}).`);
  return kind;
}

export function validateCondition(input: unknown, path: string, problems: Problems): void {
  if (!isObject(input)) {
    problems.push(`${path}: must be an object with kind (one of ${KIND_NAMES})`);
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
  validateFields(input, kind.fields, path, problems, undefined, ['kind']);
}

export const isConditionMet = (c: Condition, state: LiveState): boolean => kindOf(c).isMet(c, state);
export const describeCondition = (c: Condition): string => kindOf(c).describe(c);
export const describeConditionState = (c: Condition, state: LiveState): string => kindOf(c).describeState(c, state);
