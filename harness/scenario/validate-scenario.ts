/**
 * Pure validation of scenario data, run before anything starts. Every problem is reported at
 * once, each with its path (`steps[2].action.fault.effect.status: must be one of …`). Scenarios
 * are typed, but they can also come from JSON files and users' code, so nothing is trusted.
 *
 * @example
 * const problems = validateScenario(scenario);
 * if (problems.length > 0) throw new InvalidScenarioError(scenario.id, problems);
 */
import {
  at,
  custom,
  durationMs,
  isObject,
  list,
  type Problems,
  string,
  stringRecord,
  validateFields,
} from '../../common/validation/index.js';
import { breakerConfigOverride, scenarioTag, serviceName } from '../domain/fields.js';
import { InvalidScenarioError } from '../errors.js';
import { validateExpectation } from '../expectations/registry.js';
import { SEED_FIELDS } from '../seed/seed-spec.js';
import type { StepValidationContext } from '../timeline/define-step-action.js';
import { validateStep } from '../timeline/validate-step.js';
import type { Scenario } from './types.js';

/** A day of target time: anything longer is a typo (seconds written as ms, an extra zero…). */
const MAX_DEADLINE_MS = 86_400_000;
const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

const SCENARIO_FIELDS = {
  id: custom<string, true>(
    'a kebab-case id',
    (value, path, problems) => {
      if (typeof value === 'string' && ID_PATTERN.test(value)) return value;
      problems.push(`${path}: must be kebab-case (a-z, 0-9, -), got ${JSON.stringify(value)}`);
      return undefined;
    },
    { required: true },
  ),
  title: string({ required: true }),
  description: string({ required: true }),
  runbookRow: string({ required: true }),
  tags: list(scenarioTag(), { required: true, nonEmpty: true }),
  breakerConfig: breakerConfigOverride(),
  deadlineMs: durationMs({ required: true, positive: true, max: MAX_DEADLINE_MS }),
  pollIntervalMs: durationMs({ positive: true }),
  networkServices: list(serviceName()),
  targetOptions: stringRecord(),
  s3: custom<{ expireAfterFirstReadMs?: number }>('{ expireAfterFirstReadMs? }', (value, path, problems) => {
    if (!isObject(value)) {
      problems.push(`${path}: must be { expireAfterFirstReadMs? }`);
      return undefined;
    }
    const fields = { expireAfterFirstReadMs: durationMs() };
    return validateFields(value, fields, path, problems, undefined) ? value : undefined;
  }),
  // Checked below, in order: steps define what later steps and expectations may name.
  seed: custom('{ records, arrivals? }', (v) => v, { required: true }),
  steps: custom('a list of steps (may be empty)', (v) => v, { required: true }),
  expectations: custom('a list of expectations', (v) => v, { required: true }),
};

export function validateScenario(input: unknown): string[] {
  const problems: Problems = [];
  if (!isObject(input)) return ['(scenario): must be an object made with defineScenario({...})'];
  validateFields(input, SCENARIO_FIELDS, '', problems, undefined);
  const deadlineMs = typeof input.deadlineMs === 'number' && input.deadlineMs > 0 ? input.deadlineMs : undefined;
  validateSeed(input.seed, deadlineMs, problems);
  const networkServices = new Set(Array.isArray(input.networkServices) ? input.networkServices.map(String) : []);
  const context: StepValidationContext = {
    faultIds: new Set(),
    networkFaultIds: new Set(),
    networkServices,
    deadlineMs,
  };
  const stepNames = new Set<string>();
  if (input.steps !== undefined && !Array.isArray(input.steps))
    problems.push('steps: must be a list of steps (may be empty)');
  for (const [i, step] of (Array.isArray(input.steps) ? input.steps : []).entries()) {
    const path = at('steps', i);
    validateStep(step, path, context, problems);
    if (isObject(step) && typeof step.name === 'string' && step.name !== '') {
      if (stepNames.has(step.name))
        problems.push(`${path}.name: "${step.name}" is used by an earlier step; step names must be unique`);
      stepNames.add(step.name);
    }
  }
  if (input.expectations !== undefined && !Array.isArray(input.expectations))
    problems.push('expectations: must be a list of expectations');
  else if (Array.isArray(input.expectations) && input.expectations.length === 0)
    problems.push('expectations: must not be empty (a scenario that expects nothing proves nothing)');
  for (const [i, expectation] of (Array.isArray(input.expectations) ? input.expectations : []).entries())
    validateExpectation(expectation, at('expectations', i), { stepNames }, problems);
  return problems;
}

function validateSeed(seed: unknown, deadlineMs: number | undefined, problems: Problems): void {
  if (seed === undefined) return; // reported as required above
  if (!isObject(seed)) {
    problems.push('seed: must be { records, arrivals? }');
    return;
  }
  validateFields(seed, SEED_FIELDS, 'seed', problems, undefined);
  if (deadlineMs === undefined || !Array.isArray(seed.arrivals)) return;
  for (const [i, arrival] of seed.arrivals.entries()) {
    if (isObject(arrival) && typeof arrival.atMs === 'number' && arrival.atMs > deadlineMs)
      problems.push(
        `${at(at('seed.arrivals', i), 'atMs')}: must be <= ${deadlineMs} (the deadline), got ${arrival.atMs}`,
      );
  }
}

/** Throws InvalidScenarioError listing every problem; returns the scenario typed when valid. */
export function assertValidScenario(input: unknown): Scenario {
  const problems = validateScenario(input);
  if (problems.length > 0) {
    const id = isObject(input) && typeof input.id === 'string' ? input.id : '(unnamed)';
    throw new InvalidScenarioError(id, problems);
  }
  return input as unknown as Scenario;
}
