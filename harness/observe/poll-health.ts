/**
 * Samples the target's /health, /ready and /metrics while `run` is up, as `probe:sampled`
 * events. A sample that cannot connect records null statuses: that is an observation (the target
 * was not answering), not a harness error.
 */
import type { EventBus } from './event-bus.js';

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
    const [health, ready, metricsText] = await Promise.all([
      status(`${base}/health`),
      status(`${base}/ready`),
      text(`${base}/metrics`),
    ]);
    // The target was being stopped meanwhile: a refused sample says nothing about its health.
    if (stopped || healthUrl() !== base) return;
    bus.emit({ type: 'probe:sampled', health, ready, metrics: parsePrometheus(metricsText ?? ''), ...tag });
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

/**
 * Prometheus text format → `{ 'series{labels}': value }`, comments skipped. Only what the
 * harness shows and keeps; not a full parser.
 *
 * @example parsePrometheus('s3_sentinel_ready 1\n') // { s3_sentinel_ready: 1 }
 */
export function parsePrometheus(body: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of body.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?)\s+(\S+)/.exec(line);
    if (match) {
      const value = Number(match[2]);
      if (!Number.isNaN(value)) out[match[1]] = value;
    }
  }
  return out;
}
