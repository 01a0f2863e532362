/**
 * The one list of fault kinds. A rule names its kind as a string (`"http_error"`); the engine
 * validates the rule's effect with the kind's own `validate` and the server runs the kind's `apply`.
 * `FaultEffect` and `FaultKind` are derived from this list: adding a kind is one new file under
 * faults/ plus one entry here.
 */
import { blackholeFault } from './blackhole.js';
import { commitThenFailFault } from './commit-then-fail.js';
import type { EffectOfKind, FaultKindDefinition } from './fault-kind.js';
import { hangFault } from './hang.js';
import { httpErrorFault } from './http-error.js';
import { latencyFault } from './latency.js';
import { resetFault } from './reset.js';
import { truncateBodyFault } from './truncate-body.js';

/** In the order error messages list them. */
const FAULT_KINDS = [
  httpErrorFault,
  latencyFault,
  resetFault,
  hangFault,
  truncateBodyFault,
  commitThenFailFault,
  blackholeFault,
] as const;

/** What a matching rule does to the request: the effect of one of the registered kinds. */
export type FaultEffect = EffectOfKind<(typeof FAULT_KINDS)[number]>;
export type FaultKind = FaultEffect['kind'];

const kinds = new Map<string, FaultKindDefinition<FaultEffect>>(FAULT_KINDS.map((kind) => [kind.kind, kind]));

export function getFaultKind(kind: FaultKind): FaultKindDefinition<FaultEffect> {
  const definition = kinds.get(kind);
  if (!definition)
    throw new Error(
      `Failed to find fault kind "${kind}": not registered. Add it to the list in fakes/core/faults/registry.ts.`,
    );
  return definition;
}

export function listFaultKinds(): FaultKind[] {
  return FAULT_KINDS.map((kind) => kind.kind);
}
