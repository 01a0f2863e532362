/**
 * Pure validation of scenario data, run before anything starts. Every problem is reported at
 * once, each with its path (`steps[2].action.fault.effect.status: must be one of …`). Scenarios
 * are typed, but they can also come from JSON files and users' code, so nothing is trusted.
 *
 * @example
 * const problems = validateScenario(scenario);
 * if (problems.length > 0) throw new InvalidScenarioError(scenario.id, problems);
 */
import { InvalidScenarioError } from '../errors.js';
import { at, checkKnownFields, checkNumber, checkString, isObject, type Problems } from './checks.js';
import type { Scenario } from './types.js';
import { validateExpectation } from './validate-expectation.js';
import { validateStep } from './validate-step.js';

/** A day of target time: anything longer is a typo (seconds written as ms, an extra zero…). */
const MAX_DEADLINE_MS = 86_400_000;
const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
const SCENARIO_FIELDS = [
  'id',
  'title',
  'description',
  'runbookRow',
  'seed',
  'deadlineMs',
  'steps',
  'expectations',
  'networkServices',
  'targetOptions',
  'pollIntervalMs',
];
const SERVICES = ['s3', 'keyvault', 'sentinel', 'identity'];

export function validateScenario(input: unknown): string[] {
  const problems: Problems = [];
  if (!isObject(input)) return ['(scenario): must be an object made with defineScenario({...})'];
  checkKnownFields(input, SCENARIO_FIELDS, '', problems);
  const id = checkString(input, 'id', '', true, problems);
  if (id !== undefined && !ID_PATTERN.test(id)) problems.push(`id: must be kebab-case (a-z, 0-9, -), got "${id}"`);
  checkString(input, 'title', '', true, problems);
  checkString(input, 'description', '', true, problems);
  checkString(input, 'runbookRow', '', true, problems);
  const deadlineMs = checkNumber(input, 'deadlineMs', '', { required: true, above: 0, max: MAX_DEADLINE_MS }, problems);
  checkNumber(input, 'pollIntervalMs', '', { above: 0, max: 3_600_000 }, problems);
  validateSeed(input.seed, deadlineMs, problems);

  const networkServices = new Set<string>();
  if (input.networkServices !== undefined) {
    if (!Array.isArray(input.networkServices)) problems.push('networkServices: must be a list of services');
    else
      input.networkServices.forEach((service, i) => {
        if (!SERVICES.includes(service))
          problems.push(
            `${at('networkServices', i)}: must be one of ${SERVICES.join(', ')}, got ${JSON.stringify(service)}`,
          );
        else networkServices.add(service);
      });
  }
  if (input.targetOptions !== undefined) {
    if (!isObject(input.targetOptions)) problems.push('targetOptions: must be an object of strings');
    else
      for (const [key, value] of Object.entries(input.targetOptions)) {
        if (typeof value !== 'string')
          problems.push(`${at('targetOptions', key)}: must be a string, got ${JSON.stringify(value)}`);
      }
  }

  const stepNames = new Set<string>();
  if (!Array.isArray(input.steps)) problems.push('steps: is required, a list of steps (may be empty)');
  else {
    const state = { faultIds: new Set<string>(), networkFaultIds: new Set<string>(), networkServices, deadlineMs };
    input.steps.forEach((step: unknown, i) => {
      const path = at('steps', i);
      validateStep(step, path, state, problems);
      if (isObject(step) && typeof step.name === 'string' && step.name !== '') {
        if (stepNames.has(step.name))
          problems.push(`${path}.name: "${step.name}" is used by an earlier step; step names must be unique`);
        stepNames.add(step.name);
      }
    });
  }
  if (!Array.isArray(input.expectations)) problems.push('expectations: is required, a list of expectations');
  else if (input.expectations.length === 0)
    problems.push('expectations: must not be empty (a scenario that expects nothing proves nothing)');
  else
    input.expectations.forEach((expectation: unknown, i) =>
      validateExpectation(expectation, at('expectations', i), stepNames, problems),
    );
  return problems;
}

function validateSeed(seed: unknown, deadlineMs: number | undefined, problems: Problems): void {
  if (!isObject(seed)) {
    problems.push('seed: is required, { records, arrivals? }');
    return;
  }
  checkKnownFields(seed, ['records', 'arrivals'], 'seed', problems);
  checkNumber(seed, 'records', 'seed', { required: true, integer: true, min: 0, max: 1000 }, problems);
  if (seed.arrivals === undefined) return;
  if (!Array.isArray(seed.arrivals)) {
    problems.push('seed.arrivals: must be a list of { atMs, records }');
    return;
  }
  seed.arrivals.forEach((arrival: unknown, i) => {
    const path = at('seed.arrivals', i);
    if (!isObject(arrival)) return void problems.push(`${path}: must be { atMs, records }`);
    checkKnownFields(arrival, ['atMs', 'records'], path, problems);
    checkNumber(
      arrival,
      'atMs',
      path,
      { required: true, min: 0, ...(deadlineMs !== undefined ? { max: deadlineMs } : {}) },
      problems,
    );
    checkNumber(arrival, 'records', path, { required: true, integer: true, min: 1 }, problems);
  });
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
