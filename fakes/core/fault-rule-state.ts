/** The engine's state for one rule, and how it is reported. */
import { createPrng, deriveSeed } from './prng.js';
import { createScheduleState, type ScheduleState } from './schedule.js';
import type { FaultRuleSpec, FaultRuleStatus } from './types.js';

/** A rule as reported: its status plus whether any request ever matched it. */
export interface FaultRuleReport extends FaultRuleStatus {
  readonly unmatched: boolean;
}

/** A rule with its live schedule, seeded source and counters. */
export interface ActiveRule {
  readonly spec: FaultRuleSpec;
  readonly id: string;
  readonly addedAtMs: number;
  readonly schedule: ScheduleState;
  readonly random: () => number;
  matched: number;
  applied: number;
  removedAtMs?: number;
}

/** A fresh rule: schedule and effect randomness seeded from the run seed and the rule id. */
export function createActiveRule(spec: FaultRuleSpec, id: string, addedAtMs: number, runSeed: number): ActiveRule {
  const schedule = spec.schedule ?? { kind: 'always' };
  return {
    spec: { ...spec, id, schedule },
    id,
    addedAtMs,
    schedule: createScheduleState(schedule, deriveSeed(runSeed, id, 'schedule')),
    random: createPrng(deriveSeed(runSeed, id, 'effect')),
    matched: 0,
    applied: 0,
  };
}

/** A rule as reported, with its counters at this moment. */
export function reportRule(rule: ActiveRule): FaultRuleReport {
  return {
    ...rule.spec,
    id: rule.id,
    addedAtMs: rule.addedAtMs,
    matched: rule.matched,
    applied: rule.applied,
    unmatched: rule.matched === 0,
    ...(rule.removedAtMs === undefined ? {} : { removedAtMs: rule.removedAtMs }),
  };
}
