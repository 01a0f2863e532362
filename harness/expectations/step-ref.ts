/** A field that names a step of the timeline; unknown names are reported at validation. */
import { custom, type Problems } from '../../common/validation/index.js';
import type { ExpectationValidationContext } from './define-expectation-kind.js';

function checkStepName(value: unknown, path: string, problems: Problems, ctx: ExpectationValidationContext) {
  if (typeof value !== 'string' || value === '') {
    problems.push(`${path}: must be the name of a step`);
    return undefined;
  }
  if (!ctx.stepNames.has(value)) {
    const known = [...ctx.stepNames].join(', ') || 'none named';
    problems.push(`${path}: no step is named "${value}" (steps: ${known})`);
    return undefined;
  }
  return value;
}

export const stepRef = <R extends boolean = false>(options: { readonly required?: R } = {}) =>
  custom<string, R, ExpectationValidationContext>('the name of a step', checkStepName, options);

/** `[fromStep, toStep]`. */
export const stepWindow = <R extends boolean = false>(options: { readonly required?: R } = {}) =>
  custom<readonly [string, string], R, ExpectationValidationContext>(
    '[fromStepName, toStepName]',
    (value, path, problems, ctx) => {
      if (!Array.isArray(value) || value.length !== 2) {
        problems.push(`${path}: must be [fromStepName, toStepName]`);
        return undefined;
      }
      const from = checkStepName(value[0], `${path}[0]`, problems, ctx);
      const to = checkStepName(value[1], `${path}[1]`, problems, ctx);
      return from !== undefined && to !== undefined ? [from, to] : undefined;
    },
    options,
  );
