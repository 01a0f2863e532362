/** Builds the `FaultContext` a fault kind runs with, from the engine's decision and the request. */
import type { Exchange } from './exchange.js';
import type { FaultDecision } from './fault-engine.js';
import type { FaultContext, FaultStage } from './faults/fault-kind.js';
import { safeErrorResponse, safeHandle } from './service-calls.js';
import type { FakeRequest } from './service-definition.js';
import type { FaultEffect } from './types.js';

/** Everything one fault application needs. */
export interface FaultRun {
  readonly exchange: Exchange;
  readonly decision: FaultDecision;
  readonly stage: FaultStage;
  /** At stage `head` the body is empty: none of it has been read. */
  readonly request: FakeRequest;
}

const DEFAULT_FAULT_MESSAGE = 'Injected fault.';

export function createFaultContext(run: FaultRun): FaultContext<FaultEffect> {
  const { decision, request } = run;
  const { engine, classified, definition, recorder } = run.exchange;
  const signal = run.exchange.lifetime.signal;
  return {
    effect: decision.effect,
    rule: decision.rule,
    request,
    classified,
    definition,
    clock: run.exchange.clock,
    timeScale: engine.timeScale,
    signal,
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
        signal.addEventListener('abort', () => unsubscribe(), { once: true });
      }),
    runHandler: () =>
      run.stage === 'head'
        ? Promise.reject(
            new Error(
              `Failed to run the ${definition.service} handler from fault "${decision.effect.kind}": ` +
                'the body is not read at stage "head". Declare the kind with stage "body".',
            ),
          )
        : safeHandle(definition, request, classified, recorder),
    errorResponse: (status, code, message) =>
      safeErrorResponse(definition, status, code, message ?? DEFAULT_FAULT_MESSAGE, request, classified),
  };
}
