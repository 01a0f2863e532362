import { at, custom, got, isObject, string } from '../../../common/validation/index.js';
import { type NetworkFaultSpec, validateNetworkFaultSpec } from '../../network/network-fault-spec.js';
import { defineStepAction, type StepValidationContext } from '../define-step-action.js';

const FAULT_FIELDS = ['id', 'service', 'toxic', 'direction', 'toxicity', 'attributes'];

/** Puts a Toxiproxy toxic (or a partition) in front of a proxied fake. */
export const injectNetworkAction = defineStepAction({
  kind: 'inject_network',
  summary: 'Add a Toxiproxy toxic (or a partition) in front of a service listed in networkServices.',
  fields: {
    fault: custom<NetworkFaultSpec, true, StepValidationContext>(
      'a network fault with id, service and toxic',
      (value, path, problems, context) => {
        if (!isObject(value)) {
          problems.push(`${path}: is required, a network fault with id, service and toxic`);
          return undefined;
        }
        const before = problems.length;
        // The id is recorded even when the rest is wrong, so a later clear is not reported too.
        if (typeof value.id === 'string') {
          if (context.networkFaultIds.has(value.id))
            problems.push(`${at(path, 'id')}: "${value.id}" is already injected by an earlier step`);
          context.networkFaultIds.add(value.id);
        }
        for (const key of Object.keys(value))
          if (!FAULT_FIELDS.includes(key))
            problems.push(`${at(path, key)}: unknown field (allowed: ${FAULT_FIELDS.join(', ')})`);
        const attributes = value.attributes;
        if (
          attributes !== undefined &&
          !(isObject(attributes) && Object.values(attributes).every((v) => typeof v === 'number'))
        )
          problems.push(
            `${at(path, 'attributes')}: must be an object of numbers, e.g. { "latency": 5000 }, got ${got(attributes)}`,
          );
        if (problems.length === before)
          for (const problem of validateNetworkFaultSpec(value as unknown as NetworkFaultSpec))
            problems.push(`${path}.${problem}`);
        return problems.length === before ? (value as unknown as NetworkFaultSpec) : undefined;
      },
      { required: true },
    ),
  },
  refine(spec, path, problems, context) {
    // The same service check inject() makes at run time, moved before anything starts.
    if (!context.networkServices.has(spec.fault.service)) {
      const proxied = [...context.networkServices].join(', ') || 'none';
      problems.push(
        `${path}.fault.service: "${spec.fault.service}" has no proxy in this run (proxied: ${proxied}); ` +
          'add it to networkServices',
      );
    }
  },
  async run(spec, runtime) {
    await runtime.injectNetworkFault(spec.fault);
    return { text: `injected network fault ${spec.fault.id}` };
  },
});

export const clearNetworkAction = defineStepAction({
  kind: 'clear_network',
  summary: 'Remove a network fault an earlier inject_network step added.',
  fields: { faultId: string({ required: true }) },
  refine(spec, path, problems, context) {
    if (!context.networkFaultIds.has(spec.faultId)) {
      const known = [...context.networkFaultIds].join(', ') || 'none';
      problems.push(`${path}.faultId: no earlier inject_network step injects "${spec.faultId}" (known: ${known})`);
    }
  },
  async run(spec, runtime) {
    await runtime.clearNetworkFault(spec.faultId);
    return { text: `cleared network fault ${spec.faultId}` };
  },
});
