/**
 * Runs the fault kind a rule names against one request. A kind that throws never takes the server
 * down: the client gets the service's 500 envelope and the journal note says why, unless the client
 * is already gone, in which case there is nobody left to answer.
 */
import { createFaultContext, type FaultRun } from './fault-context.js';
import type { FaultOutcome, FaultStage } from './faults/fault-kind.js';
import { getFaultKind } from './faults/registry.js';
import { safeErrorResponse } from './service-calls.js';
import type { FaultEffect } from './types.js';

/** When the kind `effect` names runs: at the request head or once the body was read. */
export function stageOf(effect: FaultEffect): FaultStage {
  return getFaultKind(effect.kind).stage ?? 'body';
}

/** The outcome to carry out, or `undefined` when the client left while the kind ran. */
export async function applyFault(run: FaultRun): Promise<FaultOutcome | undefined> {
  const { decision, request } = run;
  const { definition, classified, recorder, lifetime } = run.exchange;
  try {
    return await getFaultKind(decision.effect.kind).apply(createFaultContext(run));
  } catch (error) {
    if (lifetime.gone) return undefined;
    const message = error instanceof Error ? error.message : String(error);
    recorder.addNote(`fault ${decision.effect.kind} failed: ${message}`);
    return {
      type: 'respond',
      response: safeErrorResponse(definition, 500, undefined, `Fault failed: ${message}`, request, classified),
    };
  }
}

export type { FaultRun };
