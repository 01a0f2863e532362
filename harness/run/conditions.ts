/**
 * Step conditions (harness/scenario/types.ts `Condition`) checked against the live state, and
 * the words used for them in messages.
 */
import type { Condition } from '../scenario/types.js';
import type { LiveState } from './live-state.js';

export function isConditionMet(condition: Condition, state: LiveState): boolean {
  switch (condition.kind) {
    case 'breaker_state':
      return state.breakerState(condition.breaker) === condition.state;
    case 'failed_batch_files_at_least':
      return state.filesCreated() >= condition.count;
    case 'delivered_at_least':
      return countSeededDelivered(state) >= condition.records;
    case 'all_seeded_delivered':
      return state.seeded.size > 0 && countSeededDelivered(state) === state.seeded.size;
    case 'requests_at_least':
      return state.requests(condition) >= condition.count;
    case 'target_exited':
      return state.runExited();
  }
}

function countSeededDelivered(state: LiveState): number {
  let n = 0;
  for (const id of state.seeded) if (state.delivered.has(id)) n += 1;
  return n;
}

/** @example describeCondition({ kind: 'breaker_state', breaker: 'azure-sentinel', state: 'OPEN' }) // 'azure-sentinel is OPEN' */
export function describeCondition(condition: Condition): string {
  switch (condition.kind) {
    case 'breaker_state':
      return `${condition.breaker} is ${condition.state}`;
    case 'failed_batch_files_at_least':
      return `at least ${condition.count} failed-batch file(s) written`;
    case 'delivered_at_least':
      return `at least ${condition.records} seeded record(s) delivered`;
    case 'all_seeded_delivered':
      return 'every seeded record delivered';
    case 'requests_at_least':
      return `at least ${condition.count} ${condition.service}${condition.operation ? ` ${condition.operation}` : ''}${condition.status !== undefined ? ` ${condition.status}` : ''} request(s)`;
    case 'target_exited':
      return 'the target exited';
  }
}

/** What the condition's subject looks like now, for timeout messages. */
export function describeConditionState(condition: Condition, state: LiveState): string {
  switch (condition.kind) {
    case 'breaker_state':
      return `${condition.breaker} is ${state.breakerState(condition.breaker)}`;
    case 'failed_batch_files_at_least':
      return `${state.filesCreated()} file(s)`;
    case 'delivered_at_least':
    case 'all_seeded_delivered':
      return `${[...state.seeded].filter((id) => state.delivered.has(id)).length}/${state.seeded.size} delivered`;
    case 'requests_at_least':
      return `${state.requests(condition)} request(s)`;
    case 'target_exited':
      return state.runExited() ? 'exited' : 'running';
  }
}
