/**
 * Phase "evaluate alerts": once the run has settled, the rules loaded while preparing the target
 * are evaluated by promtool over every scrape (alerts/evaluate-alerts.ts), and the outcome goes
 * onto the bus as `alerts:evaluated`, so the expectations judge it like any other event.
 */
import { evaluateAlerts } from '../../alerts/evaluate-alerts.js';
import type { RunContext } from '../run-context.js';

export async function evaluateAlertsPhase(ctx: RunContext): Promise<void> {
  const events = ctx.bus.events();
  const loaded = events.find((e) => e.type === 'alerts:loaded');
  if (loaded?.type !== 'alerts:loaded') return;
  // One Prometheus target: with replicas, the first one (each replica would be its own instance).
  const samples = events.flatMap((e) =>
    e.type === 'probe:sampled' && (e.replica ?? 1) === 1
      ? [{ atMs: e.atMs, scraped: e.scraped ?? false, metrics: e.metrics }]
      : [],
  );
  const evaluation = await evaluateAlerts({
    sources: loaded.sources,
    rules: loaded.rules,
    samples,
    intervalMs: loaded.intervalMs,
    workDir: loaded.workDir,
  });
  if (evaluation.wallMs > 0)
    ctx.progress(
      `[chaos] alert rules: ${loaded.rules.length} rule(s) from ${loaded.sources.length} file(s) ` +
        'evaluated by promtool ' +
        `over ${samples.length} scrape(s) in ${(evaluation.wallMs / 1_000).toFixed(1)} s wall` +
        (evaluation.error ? `: ${evaluation.error.split('\n')[0]}` : ''),
    );
  ctx.bus.emit({ type: 'alerts:evaluated', evaluation });
}
