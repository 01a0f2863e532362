/**
 * Wires the reference connector together for one command and runs it to completion.
 *
 *   run:    health server ─▶ progress.load ─▶ secret (start-up) ─▶ [cycle ─▶ sleep pollIntervalMs]*
 *           ─▶ SIGTERM: drain, flush, 0
 *   ingest: progress.load ─▶ secret (start-up) ─▶ one cycle ─▶ 0 (1 if the cycle failed)
 *   replay-failed: fresh breaker ─▶ every top-level failed-batch file ─▶ `Replay complete: …`
 *           ─▶ 0 (1 if any file was left in place)
 */
import type { Clock } from '../../../fakes/core/clock.js';
import {
  createCredential,
  createSecretClient,
  createSentinelUploader,
  describeError,
  ShutdownAbortError,
} from './azure-clients.js';
import type { BatchRouterOptions } from './batch-router.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { type ConnectorLog, PIPELINE_LOGGER } from './connector-logger.js';
import { FailedBatchStore } from './failed-batch-store.js';
import { type StartedHealthServer, startHealthServer } from './health-server.js';
import { PipelineMetrics, renderMetrics } from './metrics.js';
import { type PipelineOptions, runCycle } from './pipeline.js';
import { ProgressStore } from './progress-store.js';
import type { ReferenceConfig } from './reference-config.js';
import { replayFailed } from './replay-failed.js';
import { replayReport } from './replay-report.js';
import { S3Source } from './s3-source.js';
import { SecretCache } from './secret-cache.js';

export type ReferenceCommand = 'run' | 'ingest' | 'replay-failed';

export interface ReferenceRuntime {
  readonly clock: Clock;
  readonly log: ConnectorLog;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: (line: string) => void;
}

/** Wall ms an in-flight upload may still take after SIGTERM before it is aborted and persisted. */
const SHUTDOWN_UPLOAD_GRACE_MS = 2_000;

/** Stop on SIGTERM/SIGINT: `stop` aborts at once (no new work); `shutdown` aborts in-flight uploads after a grace. */
function installSignals(): { stop: AbortController; shutdown: AbortController; dispose(): void } {
  const stop = new AbortController();
  const shutdown = new AbortController();
  let graceTimer: NodeJS.Timeout | undefined;
  const onSignal = (): void => {
    if (stop.signal.aborted) return;
    stop.abort(new ShutdownAbortError('Shutdown requested'));
    graceTimer = setTimeout(
      () => shutdown.abort(new ShutdownAbortError('Upload aborted by shutdown; stored for replay')),
      SHUTDOWN_UPLOAD_GRACE_MS,
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return {
    stop,
    shutdown,
    dispose: () => {
      clearTimeout(graceTimer);
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    },
  };
}

/** main.ts refuses to start without these variables; a caller that skips it gets a clear error. */
function requiredEnv(env: ReferenceRuntime['env'], name: string): string {
  const value = env[name];
  if (value === undefined) throw new Error(`Failed to start: environment variable ${name} is not set.`);
  return value;
}

export async function runReference(
  command: ReferenceCommand,
  config: ReferenceConfig,
  runtime: ReferenceRuntime,
): Promise<number> {
  const { clock, log, env } = runtime;
  const signals = installSignals();
  const metrics = new PipelineMetrics();
  const credential = createCredential();
  const upload = createSentinelUploader(
    requiredEnv(env, 'SENTINEL_DCR_ENDPOINT'),
    credential,
    config.ruleId,
    config.stream,
  );
  const store = new FailedBatchStore(config.failedBatchesDir);
  const makeBreaker = (name: string, breakerConfig = config.breaker): CircuitBreaker => {
    metrics.breakerStates.set(name, 'CLOSED');
    return new CircuitBreaker({
      name,
      config: breakerConfig,
      clock,
      log,
      realReopenWording: config.faultsForTesting.realReopenWording === true,
      onStateChange: (_from, to) => metrics.breakerStates.set(name, to),
    });
  };

  try {
    if (command === 'replay-failed') {
      const summary = await replayFailed({
        store,
        breaker: makeBreaker('azure-sentinel'),
        upload,
        clock,
        log,
        archiveOnFailure: config.faultsForTesting.archiveOnFailure === true,
        alterOnReplay: config.faultsForTesting.alterOnReplay === true,
        stopSignal: signals.stop.signal,
      });
      const report = replayReport(summary, config.faultsForTesting.replayReportLies === true);
      runtime.stdout(report.line);
      return report.exitCode;
    }

    const sentinelBreaker = makeBreaker('azure-sentinel');
    const keyVaultBreaker = makeBreaker('azure-key-vault', config.keyVaultBreaker);
    const secretClient = createSecretClient(requiredEnv(env, 'KEY_VAULT_URL'), credential);
    const secrets = new SecretCache({
      name: config.secretName,
      fetch: async (name, signal) => (await secretClient.getSecret(name, { abortSignal: signal })).value,
      breaker: keyVaultBreaker,
      clock,
      log,
      onOutcome: (outcome) => {
        metrics.secretOutcomes[outcome] += 1;
        metrics.secretCached = secrets.value !== undefined;
      },
    });
    const s3 = new S3Source(env, clock);
    const progress = new ProgressStore(config.stateDir);
    const router: BatchRouterOptions = {
      breaker: sentinelBreaker,
      upload,
      store,
      clock,
      log,
      metrics,
      shutdownSignal: signals.shutdown.signal,
      dropFailedBatches: config.faultsForTesting.dropFailedBatches === true,
    };
    const pipeline: PipelineOptions = {
      bucket: config.bucket,
      prefix: config.prefix,
      batchSize: config.batchSize,
      s3,
      progress,
      ignoreProgress: config.faultsForTesting.ignoreProgress === true,
      parse: {
        wholeObject: config.faultsForTesting.wholeObjectRecord === true,
        omitColumn: config.faultsForTesting.dropColumn,
      },
      clock,
      log,
      metrics,
      router,
      stopSignal: signals.stop.signal,
    };

    let server: StartedHealthServer | undefined;
    let running = true;
    if (command === 'run') {
      server = await startHealthServer(config.healthPort, {
        running: () => running,
        startedAt: new Date().toISOString(),
        ready: () => ({
          ready: metrics.ready,
          last_success_time: metrics.lastSuccessTime,
          last_error: metrics.lastError,
        }),
        metrics: async () => renderMetrics(metrics, await store.gauges(clock.now())),
      });
      runtime.stdout(`listening on ${server.url}`);
    }
    try {
      await progress.load();
      await secrets.refresh();
      const refreshStop = new AbortController();
      signals.stop.signal.addEventListener('abort', () => refreshStop.abort(), { once: true });
      const refreshing =
        command === 'run' ? secrets.refreshEvery(config.secretRefreshMs, refreshStop.signal) : Promise.resolve();
      let exitCode = 0;
      do {
        const startedMs = clock.now();
        try {
          await runCycle(pipeline);
          metrics.ready = true;
          metrics.lastError = null;
          metrics.lastSuccessTime = new Date().toISOString();
        } catch (error) {
          if (signals.stop.signal.aborted && error === signals.stop.signal.reason) break;
          metrics.ready = false;
          metrics.lastError = describeError(error);
          log('ERROR', PIPELINE_LOGGER, `Pipeline cycle failed: ${metrics.lastError}`);
          exitCode = 1;
        }
        metrics.lastCycleDurationSeconds = (clock.now() - startedMs) / 1_000;
        if (command === 'ingest' || signals.stop.signal.aborted) break;
        await clock.sleep(config.pollIntervalMs, signals.stop.signal).catch(() => undefined);
      } while (!signals.stop.signal.aborted);
      running = false;
      refreshStop.abort();
      await progress.flush();
      await refreshing;
      if (signals.stop.signal.aborted)
        log('INFO', PIPELINE_LOGGER, 'Shutdown complete: in-flight work delivered or stored, progress saved');
      return command === 'ingest' ? exitCode : 0;
    } finally {
      await server?.stop();
      s3.destroy();
    }
  } finally {
    signals.dispose();
  }
}
