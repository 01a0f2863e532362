/**
 * Sends one batch through the `azure-sentinel` breaker and, if it fails for ANY reason (HTTP
 * error, breaker open, timeout, shutdown, anything), writes it to a failed-batch file, logging like
 * the real router (connector-contract.md §2.1). Only a batch whose file could not be written is
 * reported as `unpersisted`, so the caller keeps its objects for the next cycle.
 */
import { isAggregateLogsUploadError } from '@azure/monitor-ingestion';
import type { Clock } from '../../../fakes/core/clock.js';
import { categorizeBatchError, describeError, type UploadFn } from './azure-clients.js';
import { type CircuitBreaker, CircuitBreakerOpenError, OperationTimeoutError } from './circuit-breaker.js';
import { type ConnectorLog, ROOT_LOGGER } from './connector-logger.js';
import { batchIdOf, type FailedBatchStore } from './failed-batch-store.js';
import type { PipelineMetrics } from './metrics.js';
import type { SentinelRecord } from './record-parser.js';

export interface BatchOutcome {
  /** Records Sentinel accepted. */
  readonly delivered: readonly SentinelRecord[];
  /** Records now in a failed-batch file. */
  readonly stored: readonly SentinelRecord[];
  /** Records neither delivered nor stored (file write failed, or the dropFailedBatches knob). */
  readonly unpersisted: readonly SentinelRecord[];
}

export interface BatchRouterOptions {
  readonly breaker: CircuitBreaker;
  readonly upload: UploadFn;
  readonly store: FailedBatchStore;
  readonly clock: Clock;
  readonly log: ConnectorLog;
  readonly metrics: PipelineMetrics;
  /** Aborts in-flight uploads at shutdown (after a short grace) so they are persisted, not lost. */
  readonly shutdownSignal: AbortSignal;
  readonly dropFailedBatches: boolean;
}

export async function routeBatch(
  records: readonly SentinelRecord[],
  options: BatchRouterOptions,
): Promise<BatchOutcome> {
  const { breaker, upload, metrics } = options;
  try {
    await breaker.call((signal) => upload(records, AbortSignal.any([signal, options.shutdownSignal])));
    metrics.deliveredRecords += records.length;
    metrics.deliveredBatches += 1;
    return { delivered: records, stored: [], unpersisted: [] };
  } catch (error) {
    // The SDK uploads chunks independently: only the chunks that failed need storing.
    const failedSet = isAggregateLogsUploadError(error)
      ? new Set<unknown>(error.errors.flatMap((f) => f.failedLogs))
      : undefined;
    const failed = failedSet === undefined ? records : records.filter((r) => failedSet.has(r));
    const failedRecords = failed.length === 0 ? records : failed; // unknown mapping: keep them all
    const delivered = records.filter((r) => !failedRecords.includes(r));
    metrics.deliveredRecords += delivered.length;
    const cause =
      options.shutdownSignal.aborted && !(error instanceof CircuitBreakerOpenError)
        ? options.shutdownSignal.reason
        : error;
    return { delivered, ...(await persistFailure(failedRecords, cause, options)) };
  }
}

/** Stores records that never reached Sentinel (e.g. shutdown before their upload started). */
export async function persistFailure(
  records: readonly SentinelRecord[],
  error: unknown,
  options: BatchRouterOptions,
): Promise<Omit<BatchOutcome, 'delivered'>> {
  const { log, metrics, store, clock } = options;
  const message = error instanceof CircuitBreakerOpenError ? error.message : describeError(error);
  if (error instanceof CircuitBreakerOpenError)
    log('ERROR', ROOT_LOGGER, `Circuit breaker OPEN for Azure Sentinel: ${message}`);
  else if (error instanceof OperationTimeoutError || categorizeBatchError(error).startsWith('unknown_error'))
    log('ERROR', ROOT_LOGGER, `Unexpected error during batch ingestion: ${message}`);
  else log('ERROR', ROOT_LOGGER, `Azure ingestion error: ${message}`);
  metrics.failedBatches += 1;
  const batchId = batchIdOf(records as unknown as Record<string, unknown>[]);
  if (options.dropFailedBatches) {
    // Test knob: break the promise on purpose so the harness can prove its ledger catches it.
    metrics.droppedRecords += records.length;
    log('ERROR', ROOT_LOGGER, `Batch ${batchId} failed: ${message}`);
    return { stored: [], unpersisted: records };
  }
  try {
    await store.store(records, message, categorizeBatchError(error), clock.now());
    metrics.failedRecords += records.length;
    log('INFO', ROOT_LOGGER, `Stored failed batch ${batchId} to local storage`);
    log('ERROR', ROOT_LOGGER, `Batch ${batchId} failed: ${message}`);
    return { stored: records, unpersisted: [] };
  } catch (storeError) {
    log(
      'ERROR',
      ROOT_LOGGER,
      `Failed to store failed batch ${batchId}: ${describeError(storeError)}. ` +
        'Its objects stay unprocessed and are retried next cycle.',
    );
    log('ERROR', ROOT_LOGGER, `Batch ${batchId} failed: ${message}`);
    return { stored: [], unpersisted: records };
  }
}
