/**
 * Wires the reference connector together for one command and runs it to completion.
 *
 *   run, ingest:   run-ingestion.ts
 *   replay-failed: fresh breaker ─▶ every top-level failed-batch file ─▶ `Replay complete: …`
 *                  ─▶ 0 (1 if any file was left in place)
 */
import { createCredential, createSentinelUploader } from './azure-clients.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { FailedBatchStore } from './failed-batch-store.js';
import { PipelineMetrics } from './metrics.js';
import type { ReferenceConfig } from './reference-config.js';
import { type ReferenceCommand, type ReferenceRuntime, requiredEnv } from './reference-runtime.js';
import { replayFailed } from './replay-failed.js';
import { replayReport } from './replay-report.js';
import { type ReferenceParts, runIngestion } from './run-ingestion.js';
import { installShutdownSignals } from './shutdown-signals.js';

export type { ReferenceCommand, ReferenceRuntime } from './reference-runtime.js';

export async function runReference(
  command: ReferenceCommand,
  config: ReferenceConfig,
  runtime: ReferenceRuntime,
): Promise<number> {
  const { clock, log, env } = runtime;
  const signals = installShutdownSignals();
  const metrics = new PipelineMetrics();
  const credential = createCredential();
  const faults = config.faultsForTesting;
  const parts: ReferenceParts = {
    metrics,
    credential,
    upload: createSentinelUploader(requiredEnv(env, 'SENTINEL_DCR_ENDPOINT'), credential, config.ruleId, config.stream),
    store: new FailedBatchStore(config.failedBatchesDir),
    signals,
    makeBreaker: (name, breakerConfig = config.breaker) => {
      metrics.breakerStates.set(name, 'CLOSED');
      return new CircuitBreaker({
        name,
        config: breakerConfig,
        clock,
        log,
        realReopenWording: faults.realReopenWording === true,
        halfOpenUnlimited: faults.halfOpenUnlimited === true,
        onStateChange: (_from, to) => metrics.breakerStates.set(name, to),
      });
    },
  };
  try {
    if (command !== 'replay-failed') return await runIngestion(command, config, runtime, parts);
    const summary = await replayFailed({
      store: parts.store,
      breaker: parts.makeBreaker('azure-sentinel'),
      upload: parts.upload,
      clock,
      log,
      archiveOnFailure: faults.archiveOnFailure === true,
      alterOnReplay: faults.alterOnReplay === true,
      stopSignal: signals.stop.signal,
    });
    const report = replayReport(summary, faults.replayReportLies === true);
    runtime.stdout(report.line);
    return report.exitCode;
  } finally {
    signals.dispose();
  }
}
