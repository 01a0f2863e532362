import {
  at,
  BREAKER_STATES,
  checkKnownFields,
  checkNumber,
  checkOneOf,
  checkString,
  isObject,
  type Problems,
} from './checks.js';

export const EXPECTATION_KINDS = [
  'breaker_sequence',
  'recovery_time',
  'open_duration',
  'request_count',
  'retry_spacing',
  'ledger',
  'failed_batches_written',
  'target_alive',
  'secret_served_from_cache',
] as const;
const SERVICES = ['s3', 'keyvault', 'sentinel', 'identity'] as const;

const FIELDS: Record<(typeof EXPECTATION_KINDS)[number], readonly string[]> = {
  breaker_sequence: ['breaker', 'sequence', 'match'],
  recovery_time: ['breaker', 'fromStep', 'maxMs', 'minMs'],
  open_duration: ['breaker', 'minMs', 'maxMs'],
  request_count: ['name', 'service', 'operation', 'status', 'betweenSteps', 'whileBreaker', 'min', 'max'],
  retry_spacing: ['service', 'operation', 'status', 'minGapMs'],
  ledger: ['maxLost', 'maxDuplicates', 'maxUndelivered'],
  failed_batches_written: ['min'],
  target_alive: [],
  secret_served_from_cache: ['breaker'],
};

/**
 * Validates one `Expectation` at `path`. `stepNames` are the names the timeline defines, so a
 * `fromStep` or `betweenSteps` that names no step is reported here rather than at evaluation.
 */
export function validateExpectation(
  input: unknown,
  path: string,
  stepNames: ReadonlySet<string>,
  problems: Problems,
): void {
  if (!isObject(input)) {
    problems.push(`${path}: must be an object with kind (one of ${EXPECTATION_KINDS.join(', ')})`);
    return;
  }
  const kind = checkOneOf(input, 'kind', path, EXPECTATION_KINDS, true, problems);
  if (kind === undefined) return;
  checkKnownFields(input, ['kind', 'promise', ...FIELDS[kind]], path, problems);
  checkString(input, 'promise', path, false, problems);
  const checkStep = (value: unknown, where: string): void => {
    if (typeof value !== 'string' || value === '') problems.push(`${where}: must be the name of a step`);
    else if (!stepNames.has(value))
      problems.push(`${where}: no step is named "${value}" (steps: ${[...stepNames].join(', ') || 'none named'})`);
  };
  switch (kind) {
    case 'breaker_sequence': {
      checkString(input, 'breaker', path, true, problems);
      checkOneOf(input, 'match', path, ['exact', 'subsequence'], true, problems);
      const sequence = input.sequence;
      if (!Array.isArray(sequence) || sequence.length === 0)
        problems.push(`${at(path, 'sequence')}: must be a non-empty list of breaker states`);
      else
        sequence.forEach((state, i) => {
          if (!BREAKER_STATES.includes(state))
            problems.push(
              `${at(at(path, 'sequence'), i)}: must be one of ${BREAKER_STATES.join(', ')}, got ${JSON.stringify(state)}`,
            );
        });
      break;
    }
    case 'recovery_time': {
      checkString(input, 'breaker', path, true, problems);
      checkStep(input.fromStep, at(path, 'fromStep'));
      const maxMs = checkNumber(input, 'maxMs', path, { required: true, min: 0 }, problems);
      const minMs = checkNumber(input, 'minMs', path, { min: 0 }, problems);
      if (maxMs !== undefined && minMs !== undefined && minMs > maxMs)
        problems.push(`${at(path, 'minMs')}: must be <= maxMs (${maxMs}), got ${minMs}`);
      break;
    }
    case 'open_duration': {
      checkString(input, 'breaker', path, true, problems);
      const minMs = checkNumber(input, 'minMs', path, { required: true, min: 0 }, problems);
      const maxMs = checkNumber(input, 'maxMs', path, { required: true, min: 0 }, problems);
      if (maxMs !== undefined && minMs !== undefined && minMs > maxMs)
        problems.push(`${at(path, 'minMs')}: must be <= maxMs (${maxMs}), got ${minMs}`);
      break;
    }
    case 'request_count': {
      checkString(input, 'name', path, true, problems);
      checkOneOf(input, 'service', path, SERVICES, true, problems);
      checkString(input, 'operation', path, false, problems);
      checkNumber(input, 'status', path, { integer: true, min: 0, max: 599 }, problems);
      const min = checkNumber(input, 'min', path, { integer: true, min: 0 }, problems);
      const max = checkNumber(input, 'max', path, { integer: true, min: 0 }, problems);
      if (input.min === undefined && input.max === undefined) problems.push(`${path}: needs min, max or both`);
      if (min !== undefined && max !== undefined && min > max)
        problems.push(`${at(path, 'min')}: must be <= max (${max}), got ${min}`);
      if (input.betweenSteps !== undefined) {
        const between = input.betweenSteps;
        if (!Array.isArray(between) || between.length !== 2)
          problems.push(`${at(path, 'betweenSteps')}: must be [fromStepName, toStepName]`);
        else between.forEach((name, i) => checkStep(name, at(at(path, 'betweenSteps'), i)));
      }
      if (input.whileBreaker !== undefined) {
        const where = at(path, 'whileBreaker');
        if (!isObject(input.whileBreaker)) problems.push(`${where}: must be { breaker, state }`);
        else {
          checkKnownFields(input.whileBreaker, ['breaker', 'state'], where, problems);
          checkString(input.whileBreaker, 'breaker', where, true, problems);
          checkOneOf(input.whileBreaker, 'state', where, BREAKER_STATES, true, problems);
        }
      }
      break;
    }
    case 'retry_spacing':
      checkOneOf(input, 'service', path, SERVICES, true, problems);
      checkString(input, 'operation', path, false, problems);
      checkNumber(input, 'status', path, { required: true, integer: true, min: 100, max: 599 }, problems);
      checkNumber(input, 'minGapMs', path, { required: true, min: 0 }, problems);
      break;
    case 'ledger':
      checkNumber(input, 'maxLost', path, { required: true, integer: true, min: 0 }, problems);
      checkNumber(input, 'maxDuplicates', path, { integer: true, min: 0 }, problems);
      checkNumber(input, 'maxUndelivered', path, { integer: true, min: 0 }, problems);
      break;
    case 'failed_batches_written':
      checkNumber(input, 'min', path, { required: true, integer: true, min: 1 }, problems);
      break;
    case 'secret_served_from_cache':
      checkString(input, 'breaker', path, true, problems);
      break;
    case 'target_alive':
      break;
  }
}
