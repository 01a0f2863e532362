/**
 * The one registry of fault kinds. A rule names its kind as a string (`"http_error"`); the engine
 * validates the rule's effect with the kind's own `validate` and the server runs the kind's `apply`.
 */
import type { FaultKind } from '../types.js';
import { commitThenFailFault } from './commit-then-fail.js';
import type { FaultKindDefinition } from './fault-kind.js';
import { hangFault } from './hang.js';
import { httpErrorFault } from './http-error.js';
import { latencyFault } from './latency.js';
import { resetFault } from './reset.js';
import { truncateBodyFault } from './truncate-body.js';

const kinds = new Map<FaultKind, FaultKindDefinition>();

export function registerFaultKind<K extends FaultKind>(definition: FaultKindDefinition<K>): void {
  kinds.set(definition.kind, definition as unknown as FaultKindDefinition);
}

export function getFaultKind(kind: FaultKind): FaultKindDefinition {
  const definition = kinds.get(kind);
  if (!definition)
    throw new Error(
      `Failed to find fault kind "${kind}": not registered. Register it in fakes/core/faults/registry.ts.`,
    );
  return definition;
}

export function listFaultKinds(): FaultKind[] {
  return [...kinds.keys()];
}

for (const definition of [
  httpErrorFault,
  latencyFault,
  resetFault,
  hangFault,
  truncateBodyFault,
  commitThenFailFault,
]) {
  registerFaultKind(definition as FaultKindDefinition<FaultKind>);
}
