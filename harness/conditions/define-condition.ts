/**
 * The contract of one step condition (a `when` trigger or a `wait` step's `until`), in the style of
 * `defineFaultKind`: fields (the spec type is inferred from them), a check against the live state,
 * and the words used for it in messages. One file per condition under kinds/; registry.ts lists them.
 *
 * @example
 *   export const targetExited = defineCondition({
 *     kind: 'target_exited', summary: 'The run process exited.', fields: {},
 *     isMet: (_spec, state) => state.runExited(),
 *     describe: () => 'the target exited',
 *     describeState: (_spec, state) => (state.runExited() ? 'exited' : 'running'),
 *   });
 */
import type { FieldRecord, SpecOf } from '../../common/validation/index.js';
import type { LiveState } from '../observe/live-state.js';

export type ConditionSpec<K extends string, F extends FieldRecord> = SpecOf<F> & { readonly kind: K };

export interface ConditionKind<K extends string = string, F extends FieldRecord = FieldRecord> {
  readonly kind: K;
  readonly summary: string;
  readonly fields: F;
  isMet(spec: ConditionSpec<K, F>, state: LiveState): boolean;
  /** What is awaited, e.g. `azure-sentinel is OPEN`. */
  describe(spec: ConditionSpec<K, F>): string;
  /** What the condition's subject looks like now, for timeout messages. */
  describeState(spec: ConditionSpec<K, F>, state: LiveState): string;
}

export function defineCondition<const K extends string, const F extends FieldRecord>(
  kind: ConditionKind<K, F>,
): ConditionKind<K, F> {
  return kind;
}
