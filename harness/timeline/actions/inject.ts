import { at, custom, isObject } from '../../../common/validation/index.js';
import type { FaultRuleSpec } from '../../../fakes/core/types.js';
import { validateFaultRuleSpec } from '../../../fakes/core/validate-fault-rule.js';
import { defineStepAction, type StepValidationContext } from '../define-step-action.js';

type InjectedFault = FaultRuleSpec & { readonly id: string };

/** Adds a fault rule to the fakes (validated by the fakes' own rule validator). */
export const injectAction = defineStepAction({
  kind: 'inject',
  summary: "Add a fault rule to the fakes (the fault engine's rule format, with an id a later clear names).",
  fields: {
    fault: custom<InjectedFault, true, StepValidationContext>(
      'a fault rule with id, target and effect',
      (value, path, problems, context) => {
        if (!isObject(value)) {
          problems.push(`${path}: is required, a fault rule with id, target and effect`);
          return undefined;
        }
        const before = problems.length;
        const result = validateFaultRuleSpec(value);
        if (!result.ok) for (const problem of result.problems) problems.push(`${path}.${problem}`);
        // The id is recorded even when the rest is wrong, so a later clear is not reported too.
        if (typeof value.id !== 'string' || value.id === '')
          problems.push(`${at(path, 'id')}: is required so a later clear step can name it`);
        else if (context.faultIds.has(value.id))
          problems.push(`${at(path, 'id')}: "${value.id}" is already injected by an earlier step; pick another id`);
        else context.faultIds.add(value.id);
        return problems.length === before ? (value as unknown as InjectedFault) : undefined;
      },
      { required: true },
    ),
  },
  async run(spec, runtime) {
    await runtime.injectFault(spec.fault);
    return { text: `injected ${spec.fault.id}` };
  },
});
