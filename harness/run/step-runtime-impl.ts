/**
 * The StepRuntime (timeline/step-runtime.ts) over this run's fakes, Toxiproxy and target
 * processes. Every change to the world is announced on the bus (`fault:injected`, …).
 */
import type { StartedFakes } from '../../fakes/index.js';
import { describeCondition, describeConditionState, isConditionMet } from '../conditions/registry.js';
import { InfrastructureError, StartupTimeoutError } from '../errors.js';
// The pure spec module, not network/index.ts: a run without network faults loads no Toxiproxy code.
import { describeNetworkFault, type NetworkFaultSpec } from '../network/network-fault-spec.js';
import type { EventBus } from '../observe/event-bus.js';
import type { LiveState } from '../observe/live-state.js';
import type { StoreFaults } from '../store/store-faults.js';
import type { StepRuntime } from '../timeline/step-runtime.js';
import { Wait } from '../wait/index.js';
import type { TargetController } from './target-controller.js';

export interface NetworkFaultControl {
  inject(spec: NetworkFaultSpec): Promise<void>;
  clear(id: string): Promise<void>;
}

export interface StepRuntimeDeps {
  readonly fakes: StartedFakes;
  readonly network: NetworkFaultControl | undefined;
  readonly controller: TargetController;
  readonly storeFaults: StoreFaults;
  readonly bus: EventBus;
  readonly state: LiveState;
  readonly signal: AbortSignal;
  /** Target ms of the scenario's deadline, on the bus clock. */
  readonly deadlineMs: number;
  /**
   * Runs before the target is stopped or restarted: one last scrape, so the operator's view ends
   * on the state the target was stopped in, not on a scrape taken before its last work.
   */
  readonly beforeStop?: () => Promise<void>;
}

export function createStepRuntime(deps: StepRuntimeDeps): StepRuntime {
  const { fakes, controller, bus, state } = deps;
  const needNetwork = (): NetworkFaultControl => {
    if (!deps.network)
      throw new InfrastructureError('Failed to run a network step: the scenario lists no networkServices.');
    return deps.network;
  };
  const toWallMs = (targetMs: number): number => targetMs / bus.timeScale;
  const remainingMs = (): number => Math.max(0, deps.deadlineMs - bus.nowMs());
  return {
    state,
    toWallMs,
    remainingMs,
    async injectFault(fault) {
      fakes.faults.add(fault);
      const description = fault.description ?? describeFault(fault);
      bus.emit({ type: 'fault:injected', ruleId: fault.id, service: fault.target.service, description, layer: 'http' });
    },
    async clearFault(faultId) {
      fakes.faults.remove(faultId);
      bus.emit({ type: 'fault:cleared', ruleId: faultId, layer: 'http' });
    },
    async injectNetworkFault(fault) {
      await needNetwork().inject(fault);
      const description = describeNetworkFault(fault);
      bus.emit({ type: 'fault:injected', ruleId: fault.id, service: fault.service, description, layer: 'network' });
    },
    async clearNetworkFault(faultId) {
      await needNetwork().clear(faultId);
      bus.emit({ type: 'fault:cleared', ruleId: faultId, layer: 'network' });
    },
    async injectStoreFault(fault) {
      await deps.storeFaults.inject(fault);
      bus.emit({
        type: 'fault:injected',
        ruleId: `store-${fault}`,
        service: 'store',
        description: `store ${fault}`,
        layer: 'store',
      });
    },
    async clearStoreFault() {
      const fault = deps.storeFaults.active();
      await deps.storeFaults.clear();
      if (fault) bus.emit({ type: 'fault:cleared', ruleId: `store-${fault}`, layer: 'store' });
    },
    async restartTarget() {
      await deps.beforeStop?.();
      await controller.restart();
    },
    async stopTarget() {
      await deps.beforeStop?.();
      await controller.stop();
    },
    async runOnce(command, timeoutWallMs) {
      const { code, summary } = await controller.runOnce(command, timeoutWallMs);
      return `${command} exited ${code}: ${summary ?? '(no summary line)'}`;
    },
    async waitFor(condition, timeoutMs) {
      const strategy = Wait.forCondition(describeCondition(condition), () => isConditionMet(condition, state), {
        timeoutMs: toWallMs(Math.min(timeoutMs, remainingMs())),
        pollMs: 50,
        wake: (notify) => bus.subscribe(() => notify()),
        describeState: () => describeConditionState(condition, state),
      });
      try {
        await strategy.wait(deps.signal);
        return true;
      } catch (error) {
        if (error instanceof StartupTimeoutError) return false;
        throw error;
      }
    },
  };
}

function describeFault(fault: {
  readonly target: { readonly service: string; readonly operation?: string | readonly string[] };
  readonly effect: { readonly kind: string; readonly status?: number };
}): string {
  const op = fault.target.operation === undefined ? '' : ` ${[fault.target.operation].flat().join('/')}`;
  const status = fault.effect.status !== undefined ? ` ${fault.effect.status}` : '';
  return `${fault.effect.kind}${status} on ${fault.target.service}${op}`;
}
