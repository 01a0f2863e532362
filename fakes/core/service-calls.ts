/**
 * Calls into a ServiceDefinition that can never throw past the server: the handler's exceptions
 * become the service's own 500 envelope, and an envelope that throws becomes a plain-text error.
 * Also builds the context a fault kind runs with.
 */
import type { Clock } from './clock.js';
import type { FaultDecision, FaultEngine } from './fault-engine.js';
import type { FaultContext } from './faults/fault-kind.js';
import type { RequestRecorder } from './request-recorder.js';
import type { ClassifiedRequest, FakeRequest, FakeResponse, FaultEffect, ServiceDefinition } from './types.js';

export async function safeHandle(
  definition: ServiceDefinition,
  request: FakeRequest,
  classified: ClassifiedRequest,
  recorder: Pick<RequestRecorder, 'addNote'>,
): Promise<FakeResponse> {
  try {
    return await definition.handle(request, classified);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    recorder.addNote(`handler threw: ${message}`);
    return safeErrorResponse(
      definition,
      500,
      undefined,
      'We encountered an internal error. Please try again.',
      request,
      classified,
    );
  }
}

export function safeErrorResponse(
  definition: ServiceDefinition,
  status: number,
  code: string | undefined,
  message: string,
  request: FakeRequest,
  classified: ClassifiedRequest,
): FakeResponse {
  try {
    const resolvedCode = code ?? definition.defaultErrorCode(status, classified);
    return definition.errorResponse(status, resolvedCode, message, request, classified);
  } catch (error) {
    return {
      status,
      headers: { 'content-type': 'text/plain' },
      body: `${message} (error envelope failed: ${(error as Error).message})`,
    };
  }
}

const DEFAULT_FAULT_MESSAGE = 'Injected fault.';

export function createFaultContext(args: {
  decision: FaultDecision;
  engine: FaultEngine;
  request: FakeRequest;
  classified: ClassifiedRequest;
  definition: ServiceDefinition;
  clock: Clock;
  signal: AbortSignal;
  recorder: RequestRecorder;
}): FaultContext<FaultEffect> {
  const { decision, engine, request, classified, definition, recorder } = args;
  return {
    effect: decision.effect,
    rule: decision.rule,
    request,
    classified,
    definition,
    clock: args.clock,
    timeScale: engine.timeScale,
    signal: args.signal,
    random: decision.random,
    toWallMs: (targetMs) => engine.toWallMs(targetMs),
    whenRuleRemoved: () =>
      new Promise<void>((resolve) => {
        if (!engine.has(decision.rule.id)) return resolve();
        const unsubscribe = engine.onRemoved((id) => {
          if (id !== decision.rule.id) return;
          unsubscribe();
          resolve();
        });
        // @note Unsubscribe when the request ends another way, so held requests leave no listener.
        args.signal.addEventListener('abort', () => unsubscribe(), { once: true });
      }),
    runHandler: () => safeHandle(definition, request, classified, recorder),
    errorResponse: (status, code, message) =>
      safeErrorResponse(definition, status, code, message ?? DEFAULT_FAULT_MESSAGE, request, classified),
  };
}
