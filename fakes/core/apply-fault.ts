/**
 * Runs the fault kind a rule names against one request. A kind that throws never takes the server
 * down: the client gets the service's 500 envelope and the journal note says why, unless the client
 * is already gone, in which case there is nobody left to answer.
 */
import type { Clock } from './clock.js';
import type { FaultDecision, FaultEngine } from './fault-engine.js';
import type { FaultOutcome } from './faults/fault-kind.js';
import { getFaultKind } from './faults/registry.js';
import type { RequestRecorder } from './request-recorder.js';
import { createFaultContext, safeErrorResponse } from './service-calls.js';
import type { ClassifiedRequest, FakeRequest, ServiceDefinition } from './service-definition.js';

export interface FaultRun {
  readonly decision: FaultDecision;
  readonly engine: FaultEngine;
  readonly definition: ServiceDefinition;
  readonly request: FakeRequest;
  readonly classified: ClassifiedRequest;
  readonly clock: Clock;
  /** Aborted when the client goes away or the server stops. */
  readonly signal: AbortSignal;
  readonly recorder: RequestRecorder;
}

/** The outcome to carry out, or `undefined` when the client left while the kind ran. */
export async function applyFault(run: FaultRun): Promise<FaultOutcome | undefined> {
  const { decision, definition, request, classified, recorder } = run;
  try {
    return await getFaultKind(decision.effect.kind).apply(createFaultContext(run));
  } catch (error) {
    if (run.signal.aborted) return undefined;
    const message = error instanceof Error ? error.message : String(error);
    recorder.addNote(`fault ${decision.effect.kind} failed: ${message}`);
    return {
      type: 'respond',
      response: safeErrorResponse(definition, 500, undefined, `Fault failed: ${message}`, request, classified),
    };
  }
}
