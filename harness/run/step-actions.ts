/**
 * What each timeline step does to the world: fault rules on the fakes (or on Toxiproxy), the
 * target's processes. Every change is announced on the bus (`fault:injected`, …).
 */
import type { StartedFakes } from '../../fakes/index.js';
import { InfrastructureError } from '../errors.js';
// The pure spec module, not network/index.ts: a run without network faults loads no Toxiproxy code.
import { describeNetworkFault } from '../network/network-fault-spec.js';
import type { EventBus } from '../observe/event-bus.js';
import type { NetworkFaultSpec } from '../scenario/types.js';
import type { StepActions } from './execute-timeline.js';
import type { TargetController } from './target-controller.js';

export interface NetworkFaultControl {
  inject(spec: NetworkFaultSpec): Promise<void>;
  clear(id: string): Promise<void>;
}

export function createStepActions(
  fakes: StartedFakes,
  network: NetworkFaultControl | undefined,
  controller: TargetController,
  bus: EventBus,
): StepActions {
  const needNetwork = (): NonNullable<typeof network> => {
    if (!network) throw new InfrastructureError('Failed to run a network step: the scenario lists no networkServices.');
    return network;
  };
  return {
    async inject(fault) {
      fakes.faults.add(fault);
      bus.emit({
        type: 'fault:injected',
        ruleId: fault.id,
        service: fault.target.service,
        description: fault.description ?? describeFault(fault),
        layer: 'http',
      });
    },
    async clear(faultId) {
      fakes.faults.remove(faultId);
      bus.emit({ type: 'fault:cleared', ruleId: faultId, layer: 'http' });
    },
    async injectNetwork(fault) {
      await needNetwork().inject(fault);
      bus.emit({
        type: 'fault:injected',
        ruleId: fault.id,
        service: fault.service,
        description: describeNetworkFault(fault),
        layer: 'network',
      });
    },
    async clearNetwork(faultId) {
      await needNetwork().clear(faultId);
      bus.emit({ type: 'fault:cleared', ruleId: faultId, layer: 'network' });
    },
    restartTarget: () => controller.restart(),
    stopTarget: () => controller.stop(),
    async replayFailed(timeoutWallMs) {
      const { code, summary } = await controller.replay(timeoutWallMs);
      return `replay-failed exited ${code}: ${summary ?? '(no summary line)'}`;
    },
  };
}

function describeFault(fault: {
  readonly target: { readonly service: string; readonly operation?: string | readonly string[] };
  readonly effect: { readonly kind: string; readonly status?: number };
}): string {
  const op = fault.target.operation === undefined ? '' : ` ${[fault.target.operation].flat().join('/')}`;
  return `${fault.effect.kind}${fault.effect.status !== undefined ? ` ${fault.effect.status}` : ''} on ${fault.target.service}${op}`;
}
