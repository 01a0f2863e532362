/**
 * `run` and `ingest`:
 *
 *   run:    health server ─▶ progress.load ─▶ secret (start-up) ─▶ [cycle ─▶ sleep pollIntervalMs]*
 *           ─▶ SIGTERM: drain, store what is held, flush progress, 0
 *   ingest: progress.load ─▶ secret (start-up) ─▶ one cycle ─▶ ingestExit: 0, or 1 if the cycle
 *           failed or records were neither delivered nor stored
 *
 * While `run` holds a batch it could not store, or a breaker is OPEN, /ready answers 503 with the reason.
 */
import { join } from 'node:path';
import { describeError } from './azure-clients.js';
import { PIPELINE_LOGGER } from './connector-logger.js';
import { FailedBatchStore } from './failed-batch-store.js';
import { type StartedHealthServer, startHealthServer } from './health-server.js';
import { ingestExit } from './ingest-exit.js';
import { createPipeline, createSecretCache, type ReferenceParts } from './ingestion-parts.js';
import { renderMetrics } from './metrics.js';
import type { CycleSummary, Pipeline } from './pipeline.js';
import type { ReferenceConfig } from './reference-config.js';
import type { ReferenceRuntime } from './reference-runtime.js';
import { S3Source } from './s3-source.js';

export type { ReferenceParts } from './ingestion-parts.js';

export async function runIngestion(
  command: 'run' | 'ingest',
  config: ReferenceConfig,
  runtime: ReferenceRuntime,
  parts: ReferenceParts,
): Promise<number> {
  const { log } = runtime;
  const stop = parts.signals.stop.signal;
  const s3 = new S3Source(runtime.env, runtime.clock);
  const pipeline = createPipeline(config, runtime, parts, s3);
  const secrets = createSecretCache(config, runtime, parts);
  const health = command === 'run' ? await serveHealth(config, runtime, parts, pipeline) : undefined;
  try {
    if (command === 'run' && config.faultsForTesting.forgetQueueOnRestart === true) {
      const discarded = await parts.store.discardAll();
      if (discarded > 0) log('INFO', PIPELINE_LOGGER, `Cleared ${discarded} stale failed-batch file(s) at start-up`);
    }
    await pipeline.progress.load();
    await secrets.refresh();
    // `run` ends only on SIGTERM, which also ends the refreshes; `ingest` refreshes only at start-up.
    const refreshing = command === 'run' ? secrets.refreshEvery(config.secretRefreshMs, stop) : Promise.resolve();
    const { cycleFailed, summary } = await runCycles(command, config, runtime, parts, pipeline);
    health?.markStopped();
    const unstoredAtExit = command === 'run' ? await storeHeldAtExit(pipeline, runtime) : 0;
    await pipeline.progress.flush();
    await refreshing;
    if (stop.aborted && unstoredAtExit === 0)
      log('INFO', PIPELINE_LOGGER, 'Shutdown complete: in-flight work delivered or stored, progress saved');
    if (command === 'run') return 0;
    const { records, storeError } = pipeline.unstored;
    const exit = ingestExit(
      { cycleFailed, records: summary?.records ?? 0, unstored: records, storeError, dropped: summary?.dropped ?? 0 },
      config.faultsForTesting.oneshotExitZero === true,
    );
    if (exit.error !== null) log('ERROR', PIPELINE_LOGGER, exit.error);
    return exit.exitCode;
  } finally {
    await health?.server.stop();
    s3.destroy();
  }
}

/** One cycle for `ingest`; for `run`, a cycle every pollIntervalMs until SIGTERM. */
async function runCycles(
  command: 'run' | 'ingest',
  config: ReferenceConfig,
  runtime: ReferenceRuntime,
  parts: ReferenceParts,
  pipeline: Pipeline,
): Promise<{ cycleFailed: boolean; summary: CycleSummary | undefined }> {
  const { clock, log } = runtime;
  const { metrics } = parts;
  const stop = parts.signals.stop.signal;
  let cycleFailed = false;
  let summary: CycleSummary | undefined;
  do {
    const startedMs = clock.now();
    try {
      summary = await pipeline.runCycle();
      metrics.ready = true;
      metrics.lastError = null;
      metrics.lastSuccessTime = new Date().toISOString();
    } catch (error) {
      if (stop.aborted && error === stop.reason) break;
      metrics.ready = false;
      metrics.lastError = describeError(error);
      log('ERROR', PIPELINE_LOGGER, `Pipeline cycle failed: ${metrics.lastError}`);
      cycleFailed = true;
    }
    metrics.unstoredRecords = pipeline.unstored.records;
    metrics.lastCycleDurationSeconds = (clock.now() - startedMs) / 1_000;
    if (command === 'ingest' || stop.aborted) break;
    await clock.sleep(config.pollIntervalMs, stop).catch(() => undefined);
  } while (!stop.aborted);
  return { cycleFailed, summary };
}

/**
 * /health, /ready (503 while a batch is held unstored or a breaker is OPEN) and /metrics; prints
 * `listening on <url>`.
 */
async function serveHealth(
  config: ReferenceConfig,
  runtime: ReferenceRuntime,
  parts: ReferenceParts,
  pipeline: Pipeline,
): Promise<{ server: StartedHealthServer; markStopped(): void }> {
  const { metrics, store } = parts;
  const faults = config.faultsForTesting;
  // gauge_wrong_dir: the gauge counts the archive below the directory instead of the waiting files.
  const gaugeStore =
    faults.gaugeWrongDir === true ? new FailedBatchStore(join(config.failedBatchesDir, 'archived')) : store;
  let running = true;
  const server = await startHealthServer(config.healthPort, {
    running: () => running,
    startedAt: new Date().toISOString(),
    ready: () => {
      const held = pipeline.unstored.reason;
      // /ready follows the breakers: an OPEN breaker means the service behind it is not being called.
      const open = [...metrics.breakerStates].filter(([, state]) => state === 'OPEN').map(([name]) => name);
      const breakerReason = open.length > 0 ? `circuit breaker OPEN: ${open.join(', ')}` : null;
      const ready = metrics.ready && held === null && (breakerReason === null || faults.readyAlways200 === true);
      return {
        ready,
        last_success_time: metrics.lastSuccessTime,
        last_error: held ?? breakerReason ?? metrics.lastError,
      };
    },
    metrics: async () => renderMetrics(metrics, await gaugeStore.gauges(runtime.clock.now())),
  });
  runtime.stdout(`listening on ${server.url}`);
  return {
    server,
    markStopped: () => {
      running = false;
    },
  };
}

/** A last try to store what `run` holds; what still fails is read again at the next start. */
async function storeHeldAtExit(pipeline: Pipeline, runtime: ReferenceRuntime): Promise<number> {
  const left = await pipeline.storeHeld();
  if (left > 0)
    runtime.log(
      'ERROR',
      PIPELINE_LOGGER,
      `Failed to store ${left} held record(s) before exit: ${pipeline.unstored.storeError}. ` +
        'Their objects were not marked handled, so the next start reads them again; make failedBatchesDir writable.',
    );
  return left;
}
