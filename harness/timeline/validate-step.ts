/** Validates one step: its trigger (atMs XOR when + timeoutMs), its name, and its action. */
import {
  at,
  checkNumberField,
  isObject,
  type Problems,
  string,
  validateFields,
} from '../../common/validation/index.js';
import { validateCondition } from '../conditions/registry.js';
import type { StepValidationContext } from './define-step-action.js';
import { validateStepAction } from './registry.js';

const STEP_FIELDS = ['atMs', 'when', 'timeoutMs', 'name', 'action'];

export function validateStep(input: unknown, path: string, context: StepValidationContext, problems: Problems): void {
  if (!isObject(input)) {
    problems.push(`${path}: must be an object with a trigger (atMs, or when + timeoutMs) and an action`);
    return;
  }
  validateFields(
    input,
    { name: string() },
    path,
    problems,
    undefined,
    STEP_FIELDS.filter((f) => f !== 'name'),
  );
  const hasAt = input.atMs !== undefined;
  const hasWhen = input.when !== undefined;
  if (hasAt === hasWhen) problems.push(`${path}: needs exactly one trigger: atMs, or when (with timeoutMs)`);
  const limit = context.deadlineMs !== undefined ? { max: context.deadlineMs } : {};
  if (hasAt) checkNumberField(input, 'atMs', path, { min: 0, ...limit }, problems);
  if (hasWhen) {
    validateCondition(input.when, at(path, 'when'), problems);
    checkNumberField(input, 'timeoutMs', path, { required: true, above: 0, ...limit }, problems);
  } else if (input.timeoutMs !== undefined) {
    problems.push(`${at(path, 'timeoutMs')}: only allowed with a when trigger`);
  }
  validateStepAction(input.action, at(path, 'action'), context, problems);
}
