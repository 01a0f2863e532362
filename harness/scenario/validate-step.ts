import { validateFaultRuleSpec } from '../../fakes/core/validate-fault-rule.js';
// The spec module only, not harness/network/index.ts: validation must not load the Toxiproxy
// client and process code (the spec module imports nothing but types).
import {
  NETWORK_SERVICES,
  type NetworkService,
  TOXIC_ATTRIBUTES,
  validateNetworkFaultSpec,
} from '../network/network-fault-spec.js';
import { at, checkKnownFields, checkNumber, checkOneOf, checkString, isObject, type Problems } from './checks.js';
import type { NetworkFaultSpec, NetworkToxicKind } from './types.js';
import { validateCondition } from './validate-condition.js';

const ACTION_KINDS = [
  'inject',
  'clear',
  'inject_network',
  'clear_network',
  'restart_target',
  'stop_target',
  'replay_failed',
  'wait',
  'mark',
] as const;

/** What earlier steps defined, so later ones can be checked against it (order matters). */
export interface TimelineState {
  readonly faultIds: Set<string>;
  readonly networkFaultIds: Set<string>;
  readonly networkServices: ReadonlySet<string>;
  readonly deadlineMs: number | undefined;
}

/** Validates steps[index]: trigger (atMs XOR when+timeoutMs), name, and action. */
export function validateStep(input: unknown, path: string, state: TimelineState, problems: Problems): void {
  if (!isObject(input)) {
    problems.push(`${path}: must be an object with a trigger (atMs, or when + timeoutMs) and an action`);
    return;
  }
  checkKnownFields(input, ['atMs', 'when', 'timeoutMs', 'name', 'action'], path, problems);
  checkString(input, 'name', path, false, problems);
  const hasAt = input.atMs !== undefined;
  const hasWhen = input.when !== undefined;
  if (hasAt === hasWhen) problems.push(`${path}: needs exactly one trigger: atMs, or when (with timeoutMs)`);
  const limit = state.deadlineMs;
  if (hasAt) checkNumber(input, 'atMs', path, { min: 0, ...(limit !== undefined ? { max: limit } : {}) }, problems);
  if (hasWhen) {
    validateCondition(input.when, at(path, 'when'), problems);
    checkNumber(
      input,
      'timeoutMs',
      path,
      { required: true, above: 0, ...(limit !== undefined ? { max: limit } : {}) },
      problems,
    );
  } else if (input.timeoutMs !== undefined) {
    problems.push(`${at(path, 'timeoutMs')}: only allowed with a when trigger`);
  }
  validateAction(input.action, at(path, 'action'), state, problems);
}

function validateAction(input: unknown, path: string, state: TimelineState, problems: Problems): void {
  if (!isObject(input)) {
    problems.push(`${path}: is required, an object with kind (one of ${ACTION_KINDS.join(', ')})`);
    return;
  }
  const kind = checkOneOf(input, 'kind', path, ACTION_KINDS, true, problems);
  if (kind === undefined) return;
  switch (kind) {
    case 'inject': {
      checkKnownFields(input, ['kind', 'fault'], path, problems);
      const fault = input.fault;
      const where = at(path, 'fault');
      if (!isObject(fault)) {
        problems.push(`${where}: is required, a fault rule with id, target and effect`);
        break;
      }
      const result = validateFaultRuleSpec(fault);
      if (!result.ok) for (const problem of result.problems) problems.push(`${where}.${problem}`);
      if (typeof fault.id !== 'string' || fault.id === '')
        problems.push(`${at(where, 'id')}: is required so a later clear step can name it`);
      else if (state.faultIds.has(fault.id))
        problems.push(`${at(where, 'id')}: "${fault.id}" is already injected by an earlier step; pick another id`);
      else state.faultIds.add(fault.id);
      break;
    }
    case 'clear':
    case 'clear_network': {
      checkKnownFields(input, ['kind', 'faultId'], path, problems);
      const ids = kind === 'clear' ? state.faultIds : state.networkFaultIds;
      const id = checkString(input, 'faultId', path, true, problems);
      if (id !== undefined && !ids.has(id)) {
        problems.push(
          `${at(path, 'faultId')}: no earlier ${kind === 'clear' ? 'inject' : 'inject_network'} step injects "${id}" (known: ${[...ids].join(', ') || 'none'})`,
        );
      }
      break;
    }
    case 'inject_network': {
      checkKnownFields(input, ['kind', 'fault'], path, problems);
      const where = at(path, 'fault');
      if (!isObject(input.fault)) {
        problems.push(`${where}: is required, a network fault with id, service and toxic`);
        break;
      }
      const fault = input.fault;
      checkKnownFields(fault, ['id', 'service', 'toxic', 'direction', 'toxicity', 'attributes'], where, problems);
      const id = checkString(fault, 'id', where, true, problems);
      const service = checkOneOf(fault, 'service', where, NETWORK_SERVICES, true, problems);
      const toxic = checkOneOf(
        fault,
        'toxic',
        where,
        Object.keys(TOXIC_ATTRIBUTES) as NetworkToxicKind[],
        true,
        problems,
      );
      const attributesOk =
        fault.attributes === undefined ||
        (isObject(fault.attributes) && Object.values(fault.attributes).every((v) => typeof v === 'number'));
      if (!attributesOk)
        problems.push(`${at(where, 'attributes')}: must be an object of numbers, e.g. { "latency": 5000 }`);
      // The network module's own validator knows each toxic's attributes (required, integer, ≥ 0)
      // and the proxied services: the same check inject() makes, moved before anything starts.
      if (id !== undefined && service !== undefined && toxic !== undefined && attributesOk) {
        for (const problem of validateNetworkFaultSpec(
          fault as unknown as NetworkFaultSpec,
          [...state.networkServices] as NetworkService[],
        ))
          problems.push(`${where}.${problem}`);
      }
      if (id !== undefined) {
        if (state.networkFaultIds.has(id))
          problems.push(`${at(where, 'id')}: "${id}" is already injected by an earlier step`);
        state.networkFaultIds.add(id);
      }
      break;
    }
    case 'wait': {
      checkKnownFields(input, ['kind', 'until', 'timeoutMs'], path, problems);
      validateCondition(input.until, at(path, 'until'), problems);
      const limit = state.deadlineMs;
      checkNumber(
        input,
        'timeoutMs',
        path,
        { required: true, above: 0, ...(limit !== undefined ? { max: limit } : {}) },
        problems,
      );
      break;
    }
    case 'mark':
      checkKnownFields(input, ['kind', 'label'], path, problems);
      checkString(input, 'label', path, true, problems);
      break;
    case 'restart_target':
    case 'stop_target':
    case 'replay_failed':
      checkKnownFields(input, ['kind'], path, problems);
      break;
  }
}
