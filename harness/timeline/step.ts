/** A timeline step: a trigger (a time, or a condition) and an action. Times are target ms. */
import type { Condition } from '../conditions/registry.js';
import type { StepAction } from './registry.js';

/** When a step fires: at a time, or when a condition holds (checked continuously). */
export type StepTrigger = { readonly atMs: number } | { readonly when: Condition; readonly timeoutMs: number };

export type Step = StepTrigger & { readonly name?: string; readonly action: StepAction };
