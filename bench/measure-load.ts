/**
 * Closed-loop load: `concurrency` workers call `fn` back to back for `durationMs` after a warm-up.
 * Bounded both by time and by `maxRequests`, so a slow target cannot stretch the run.
 */

export interface LoadOptions {
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly maxRequests?: number;
}

export interface LoadStats {
  readonly requests: number;
  readonly errors: number;
  readonly elapsedMs: number;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** First error message seen, for the report. */
  readonly firstError?: string;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function loop(
  fn: () => Promise<void>,
  options: { concurrency: number; untilMs: number; maxRequests: number },
  record: boolean,
) {
  const latencies: number[] = [];
  let errors = 0;
  let started = 0;
  let firstError: string | undefined;
  const worker = async () => {
    while (performance.now() < options.untilMs && started < options.maxRequests) {
      started++;
      const t0 = performance.now();
      try {
        await fn();
        if (record) latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= (error as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return { latencies, errors, firstError };
}

export async function measureLoad(fn: () => Promise<void>, options: LoadOptions): Promise<LoadStats> {
  const maxRequests = options.maxRequests ?? 1_000_000;
  await loop(
    fn,
    { concurrency: options.concurrency, untilMs: performance.now() + options.warmupMs, maxRequests },
    false,
  );
  const t0 = performance.now();
  const { latencies, errors, firstError } = await loop(
    fn,
    { concurrency: options.concurrency, untilMs: t0 + options.durationMs, maxRequests },
    true,
  );
  const elapsedMs = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    elapsedMs,
    rps: (latencies.length / elapsedMs) * 1_000,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    ...(firstError !== undefined && { firstError }),
  };
}
