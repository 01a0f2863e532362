/**
 * Samples (scrapes) the target's /health, /ready and /metrics while `run` is up, as
 * `probe:sampled` events, every `intervalMs` of wall time (the run converts its target-time
 * scrape interval). A sample that cannot connect records null statuses: that is an observation
 * (the target was not answering), not a harness error.
 */
import type { EventBus } from './event-bus.js';
import { parseExposition } from './parse-exposition.js';

export interface HealthPoller {
  sampleNow(): Promise<void>;
  stop(): Promise<void>;
}

/** `healthUrl` returns null while there is nothing to sample (not started, stopping, stopped). */
export function pollHealth(
  healthUrl: () => string | null,
  bus: EventBus,
  options: { readonly intervalMs: number; readonly replica?: number },
): HealthPoller {
  const tag = options.replica === undefined ? {} : { replica: options.replica };
  let inFlight: Promise<void> = Promise.resolve();
  let stopped = false;
  const sample = async (): Promise<void> => {
    const base = healthUrl();
    if (base === null || stopped) return;
    const requestedAtMs = bus.nowMs();
    const [health, ready, metricsText] = await Promise.all([
      status(`${base}/health`),
      status(`${base}/ready`),
      text(`${base}/metrics`),
    ]);
    // The target was being stopped meanwhile: a refused sample says nothing about its health.
    if (stopped || healthUrl() !== base) return;
    const parsed = metricsText === null ? null : parseExposition(metricsText);
    bus.emit({
      type: 'probe:sampled',
      health,
      ready,
      metrics: parsed?.samples ?? {},
      requestedAtMs,
      scraped: parsed !== null && parsed.problem === null,
      ...(parsed?.problem ? { scrapeProblem: parsed.problem } : {}),
      ...tag,
    });
  };
  const sampleNow = (): Promise<void> => (inFlight = inFlight.then(sample, sample));
  const timer = setInterval(() => void sampleNow(), options.intervalMs);
  timer.unref();
  return {
    sampleNow,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await inFlight.catch(() => undefined);
    },
  };
}

async function status(url: string): Promise<number | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}

async function text(url: string): Promise<string | null> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    return response.ok ? await response.text() : null;
  } catch {
    return null;
  }
}
