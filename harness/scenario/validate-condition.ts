import {
  BREAKER_STATES,
  checkKnownFields,
  checkNumber,
  checkOneOf,
  checkString,
  isObject,
  type Problems,
} from './checks.js';

const CONDITION_KINDS = [
  'breaker_state',
  'failed_batch_files_at_least',
  'delivered_at_least',
  'all_seeded_delivered',
  'requests_at_least',
  'target_exited',
] as const;
const SERVICES = ['s3', 'keyvault', 'sentinel', 'identity'] as const;

const FIELDS: Record<(typeof CONDITION_KINDS)[number], readonly string[]> = {
  breaker_state: ['breaker', 'state'],
  failed_batch_files_at_least: ['count'],
  delivered_at_least: ['records'],
  all_seeded_delivered: [],
  requests_at_least: ['service', 'operation', 'status', 'count'],
  target_exited: [],
};

/** Validates one `Condition` (harness/scenario/types.ts) at `path`. */
export function validateCondition(input: unknown, path: string, problems: Problems): void {
  if (!isObject(input)) {
    problems.push(`${path}: must be an object with kind (one of ${CONDITION_KINDS.join(', ')})`);
    return;
  }
  const kind = checkOneOf(input, 'kind', path, CONDITION_KINDS, true, problems);
  if (kind === undefined) return;
  checkKnownFields(input, ['kind', ...FIELDS[kind]], path, problems);
  switch (kind) {
    case 'breaker_state':
      checkString(input, 'breaker', path, true, problems);
      checkOneOf(input, 'state', path, BREAKER_STATES, true, problems);
      break;
    case 'failed_batch_files_at_least':
      checkNumber(input, 'count', path, { required: true, integer: true, min: 1 }, problems);
      break;
    case 'delivered_at_least':
      checkNumber(input, 'records', path, { required: true, integer: true, min: 1 }, problems);
      break;
    case 'requests_at_least':
      checkOneOf(input, 'service', path, SERVICES, true, problems);
      checkString(input, 'operation', path, false, problems);
      checkNumber(input, 'status', path, { integer: true, min: 100, max: 599 }, problems);
      checkNumber(input, 'count', path, { required: true, integer: true, min: 1 }, problems);
      break;
    case 'all_seeded_delivered':
    case 'target_exited':
      break;
  }
}
