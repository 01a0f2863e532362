/**
 * `npm run scenario -- --kinds`: every expectation kind, condition and step action a scenario can
 * use, with its summary and fields, read from the registries (so this list cannot go stale).
 */
import { describeFields, type FieldRecord } from '../../common/validation/index.js';
import { CONDITION_KINDS } from '../../harness/conditions/registry.js';
import { ALWAYS_ON_CHECKS } from '../../harness/expectations/always-on/index.js';
import { EXPECTATION_KINDS } from '../../harness/expectations/registry.js';
import { STEP_ACTIONS } from '../../harness/timeline/registry.js';

interface Describable {
  readonly kind: string;
  readonly summary: string;
  readonly fields?: FieldRecord;
}

function section(title: string, kinds: readonly Describable[]): string[] {
  const lines = [title];
  for (const k of kinds) {
    lines.push(`  ${k.kind.padEnd(30)} ${k.summary}`);
    for (const field of describeFields(k.fields ?? {})) lines.push(`      ${field}`);
  }
  return lines;
}

export function describeKinds(): string {
  return [
    ...section('Expectation kinds (expectations[].kind; each may also name a `promise`):', EXPECTATION_KINDS),
    '',
    ...section('Always-on checks (every run):', ALWAYS_ON_CHECKS),
    '',
    ...section("Conditions (a step's `when`, a wait's `until`):", CONDITION_KINDS),
    '',
    ...section('Step actions (steps[].action.kind):', STEP_ACTIONS),
  ].join('\n');
}
