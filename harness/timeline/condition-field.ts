/** A field holding a step condition, validated by the condition registry. */
import { custom } from '../../common/validation/index.js';
import { type Condition, validateCondition } from '../conditions/registry.js';

export const conditionField = <R extends boolean = false>(options: { readonly required?: R } = {}) =>
  custom<Condition, R>(
    'a condition with kind',
    (value, path, problems) => {
      const before = problems.length;
      validateCondition(value, path, problems);
      return problems.length === before ? (value as Condition) : undefined;
    },
    options,
  );
