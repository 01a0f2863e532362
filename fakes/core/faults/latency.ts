/**
 * `latency`: wait, then let the service answer. `latencyMs` and `jitterMs` are target ms; jitter is
 * drawn from the rule's seeded source, uniform in ±jitterMs or normal with σ = jitterMs, and the total
 * is never below 0. The wait ends early (and the request is dropped) when the client goes away.
 */
import { sampleStandardNormal } from '../prng.js';
import { defineFaultKind } from './fault-kind.js';
import { checkNumber, checkOneOf } from './field-checks.js';

export const LATENCY_DISTRIBUTIONS = ['uniform', 'normal'] as const;

export interface LatencyEffect {
  readonly kind: 'latency';
  readonly latencyMs: number;
  readonly jitterMs?: number;
  readonly distribution?: (typeof LATENCY_DISTRIBUTIONS)[number];
}

export const latencyFault = defineFaultKind<LatencyEffect>({
  kind: 'latency',
  fields: ['latencyMs', 'jitterMs', 'distribution'],
  validate(effect, path, problems) {
    checkNumber(effect, 'latencyMs', path, { required: true, min: 0 }, problems);
    checkNumber(effect, 'jitterMs', path, { min: 0 }, problems);
    checkOneOf(effect, 'distribution', path, LATENCY_DISTRIBUTIONS, false, problems);
  },
  async apply(ctx) {
    await ctx.clock.sleep(ctx.toWallMs(drawLatencyMs(ctx.effect, ctx.random)), ctx.signal);
    return { type: 'passthrough' };
  },
});

/** Target ms of one delay for this effect. */
export function drawLatencyMs(effect: Omit<LatencyEffect, 'kind'>, random: () => number): number {
  const jitterMs = effect.jitterMs ?? 0;
  if (jitterMs === 0) return effect.latencyMs;
  const offset =
    effect.distribution === 'normal' ? sampleStandardNormal(random) * jitterMs : (random() * 2 - 1) * jitterMs;
  return Math.max(0, effect.latencyMs + offset);
}
