/**
 * Pure validation of untrusted rule data (control API bodies, scenario files). Reports every
 * problem at once, each prefixed with its path: `effect.status: must be one of 429, 401, …`.
 *
 * @example
 *   const result = validateFaultRuleSpec(JSON.parse(body));
 *   if (!result.ok) throw new InvalidFaultRuleError(result.problems);
 */
import {
  checkKnownFields,
  checkNumber,
  checkOneOf,
  checkOptionalString,
  isPlainObject,
  type Problems,
} from './faults/field-checks.js';
import { getFaultKind, listFaultKinds } from './faults/registry.js';
import { type FaultKind, type FaultRuleSpec, SERVICE_NAMES } from './types.js';

export type FaultRuleValidation = { ok: true; spec: FaultRuleSpec } | { ok: false; problems: string[] };

const RULE_FIELDS = ['id', 'description', 'target', 'effect', 'schedule'] as const;
const TARGET_FIELDS = ['service', 'operation', 'bucket', 'keyPrefix', 'stream', 'secretName'] as const;
const SCHEDULE_KINDS = ['always', 'first', 'every_nth', 'probability', 'window'] as const;
/** Ids appear in control API paths, so they stay URL-safe. */
const ID_PATTERN = /^[A-Za-z0-9._~-]{1,128}$/;

export function validateFaultRuleSpec(input: unknown): FaultRuleValidation {
  const problems: Problems = [];
  if (!isPlainObject(input)) return { ok: false, problems: ['(rule): must be a JSON object with target and effect'] };
  checkKnownFields(input, RULE_FIELDS, '', problems);
  if (input.id !== undefined && (typeof input.id !== 'string' || !ID_PATTERN.test(input.id))) {
    problems.push('id: must be 1-128 characters of A-Z a-z 0-9 . _ ~ -');
  }
  checkOptionalString(input, 'description', '', problems);
  validateTarget(input.target, problems);
  validateEffect(input.effect, problems);
  validateSchedule(input.schedule, problems);
  if (problems.length > 0) return { ok: false, problems };
  // @note No problem found: every field the type names was checked above, which is what the cast claims.
  const checked: unknown = input;
  return { ok: true, spec: checked as FaultRuleSpec };
}

function validateTarget(target: unknown, problems: Problems): void {
  if (!isPlainObject(target)) {
    problems.push(`target: is required, an object with service (one of ${SERVICE_NAMES.join(', ')})`);
    return;
  }
  checkKnownFields(target, TARGET_FIELDS, 'target', problems);
  checkOneOf(target, 'service', 'target', SERVICE_NAMES, true, problems);
  const operation = target.operation;
  if (operation !== undefined) {
    const ok =
      typeof operation === 'string'
        ? operation.length > 0
        : Array.isArray(operation) &&
          operation.length > 0 &&
          operation.every((op) => typeof op === 'string' && op.length > 0);
    if (!ok) problems.push('target.operation: must be an operation name or a non-empty list of names');
  }
  for (const key of ['bucket', 'keyPrefix', 'stream', 'secretName'])
    checkOptionalString(target, key, 'target', problems);
}

function validateEffect(effect: unknown, problems: Problems): void {
  const kinds = listFaultKinds();
  if (!isPlainObject(effect)) {
    problems.push(`effect: is required, an object with kind (one of ${kinds.join(', ')})`);
    return;
  }
  if (!kinds.includes(effect.kind as FaultKind)) {
    problems.push(`effect.kind: must be one of ${kinds.join(', ')}`);
    return;
  }
  const kind = getFaultKind(effect.kind as FaultKind);
  checkKnownFields(effect, ['kind', ...kind.fields], 'effect', problems);
  kind.validate(effect, 'effect', problems);
}

function validateSchedule(schedule: unknown, problems: Problems): void {
  if (schedule === undefined) return;
  if (!isPlainObject(schedule)) {
    problems.push(`schedule: must be an object with kind (one of ${SCHEDULE_KINDS.join(', ')})`);
    return;
  }
  checkOneOf(schedule, 'kind', 'schedule', SCHEDULE_KINDS, true, problems);
  const fieldsByKind: Record<(typeof SCHEDULE_KINDS)[number], readonly string[]> = {
    always: [],
    first: ['count'],
    every_nth: ['n'],
    probability: ['p', 'seed'],
    window: ['startMs', 'endMs'],
  };
  const kind = schedule.kind as (typeof SCHEDULE_KINDS)[number];
  if (!SCHEDULE_KINDS.includes(kind)) return;
  checkKnownFields(schedule, ['kind', ...fieldsByKind[kind]], 'schedule', problems);
  switch (kind) {
    case 'first':
      checkNumber(schedule, 'count', 'schedule', { required: true, integer: true, min: 1 }, problems);
      break;
    case 'every_nth':
      checkNumber(schedule, 'n', 'schedule', { required: true, integer: true, min: 1 }, problems);
      break;
    case 'probability':
      checkNumber(schedule, 'p', 'schedule', { required: true, min: 0, max: 1 }, problems);
      checkNumber(schedule, 'seed', 'schedule', { integer: true }, problems);
      break;
    case 'window':
      checkNumber(schedule, 'startMs', 'schedule', { required: true, min: 0 }, problems);
      checkNumber(schedule, 'endMs', 'schedule', { required: true, min: 0 }, problems);
      if (
        typeof schedule.startMs === 'number' &&
        typeof schedule.endMs === 'number' &&
        schedule.endMs <= schedule.startMs
      ) {
        problems.push('schedule.endMs: must be > schedule.startMs');
      }
      break;
    case 'always':
      break;
  }
}
