/**
 * What the alert kinds share: the run's rule evaluation (the `alerts:evaluated` event), and
 * whether an alert names a breaker or the service it guards.
 */
import type { AlertEpisode, AlertEvaluation, AlertRule } from '../domain/alerts.js';
import type { EvaluationContext } from './evaluation-context.js';
import { formatSeconds } from './evaluation-context.js';

/** The evaluation, or why there is none to judge (a sentence for `observed`). */
export function alertEvaluationOf(ctx: EvaluationContext): { evaluation: AlertEvaluation } | { problem: string } {
  const event = ctx.ofType('alerts:evaluated').at(-1);
  if (event === undefined) {
    const loaded = ctx.ofType('alerts:loaded').length > 0;
    return {
      problem: loaded
        ? 'the alert rules were loaded but never evaluated (the run broke first)'
        : 'no alert rules were loaded',
    };
  }
  const { evaluation } = event;
  if (evaluation.error !== undefined) return { problem: `the rules could not be evaluated: ${evaluation.error}` };
  if (evaluation.sources.length === 0)
    return { problem: 'no alert rules: the target ships none and no --alert-rules was given, so nothing can alert' };
  return { evaluation };
}

/** The service a breaker guards, as the target names them (target:prepared). */
export function serviceOf(ctx: EvaluationContext, breaker: string): string | null {
  const services = ctx.ofType('target:prepared').at(-1)?.breakerServices ?? {};
  return Object.entries(services).find(([, b]) => b === breaker)?.[0] ?? null;
}

/**
 * An alert names a breaker when one of its labels (the rule's, or the selected series') is the
 * breaker's or the service's name, or when its rule's annotations mention the breaker.
 */
export function namesBreaker(
  episode: AlertEpisode,
  rule: AlertRule | undefined,
  breaker: string,
  service: string | null,
): boolean {
  const names = [breaker, ...(service ? [service] : [])].map((n) => n.toLowerCase());
  const labelHit = Object.entries(episode.labels).some(
    ([k, v]) => k !== 'alertname' && names.includes(v.toLowerCase()),
  );
  const annotationHit = Object.values(rule?.annotations ?? {}).some((text) =>
    text.toLowerCase().includes(breaker.toLowerCase()),
  );
  return labelHit || annotationHit;
}

export function ruleOf(evaluation: AlertEvaluation, alertname: string): AlertRule | undefined {
  return evaluation.rules.find((r) => r.kind === 'alert' && r.name === alertname);
}

/** `CircuitBreakerOpen{breaker="azure-sentinel"} pending @12.0s, firing @13.0s, ended @75.0s`. */
export function describeEpisode(e: AlertEpisode): string {
  const labels = Object.entries(e.labels)
    .filter(([k]) => k !== 'alertname')
    .map(([k, v]) => `${k}="${v}"`)
    .join(',');
  const firing = e.firingAtMs === null ? 'never firing' : `firing @${formatSeconds(e.firingAtMs)}`;
  const ended = e.endedAtMs === null ? 'still active at the end' : `ended @${formatSeconds(e.endedAtMs)}`;
  return `${e.alertname}{${labels}} pending @${formatSeconds(e.pendingAtMs)}, ${firing}, ${ended}`;
}
