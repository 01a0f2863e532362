/**
 * Sends one batch through the `azure-sentinel` breaker and, if it fails for ANY reason (HTTP
 * error, breaker open, operation timeout, shutdown, anything), writes it to a failed-batch file,
 * logging like the real router (connector-contract.md §2.1). A batch whose file cannot be written
 * comes back as `unstored`, so the caller can hold it and try again; only the test knobs drop one.
 */
import type { Clock } from '../../../fakes/core/clock.js';
import { categorizeBatchError, describeError, type UploadFn } from './azure-clients.js';
import { type CircuitBreaker, CircuitBreakerOpenError, OperationTimeoutError } from './circuit-breaker.js';
import { type ConnectorLog, ROOT_LOGGER } from './connector-logger.js';
import { batchIdOf, type FailedBatchStore } from './failed-batch-store.js';
import type { PipelineMetrics } from './metrics.js';
import type { SentinelRecord } from './record-parser.js';
import { failedPositions } from './upload-failures.js';

export interface BatchOutcome {
  /** Records Sentinel accepted. */
  readonly delivered: readonly SentinelRecord[];
  /** Records now in a failed-batch file. */
  readonly stored: readonly SentinelRecord[];
  /** Records lost on purpose by a test knob (drop_failed_batches, skip_store_on_timeout). */
  readonly dropped: readonly SentinelRecord[];
  /** Records that failed and whose failed-batch file could not be written: the caller must keep them. */
  readonly unstored: readonly SentinelRecord[];
  /** Set when `unstored` is not empty: why the batch failed, and why its file could not be written. */
  readonly unstoredBecause?: StoreFailure;
}

export interface StoreFailure {
  /** The batch's own failure, written into its file once storing works again. */
  readonly cause: unknown;
  /** Why the file could not be written (`ENOSPC: no space left on device, …`). */
  readonly storeError: string;
}

export interface BatchRouterOptions {
  readonly breaker: CircuitBreaker;
  readonly upload: UploadFn;
  readonly store: Pick<FailedBatchStore, 'store' | 'dir'>;
  readonly clock: Clock;
  readonly log: ConnectorLog;
  readonly metrics: PipelineMetrics;
  /** Aborts in-flight uploads at shutdown (after a short grace) so they are persisted, not lost. */
  readonly shutdownSignal: AbortSignal;
  readonly dropFailedBatches: boolean;
  readonly skipStoreOnTimeout: boolean;
  /** Test knobs for a batch whose file cannot be written: drop it, and/or log its records. */
  readonly unstorable?: { readonly drop: boolean; readonly logRecords: boolean };
}

const NOTHING: readonly SentinelRecord[] = [];

export async function routeBatch(
  records: readonly SentinelRecord[],
  options: BatchRouterOptions,
): Promise<BatchOutcome> {
  const { breaker, upload, metrics, log } = options;
  try {
    await breaker.call((signal) => upload(records, AbortSignal.any([signal, options.shutdownSignal])));
    metrics.deliveredRecords += records.length;
    metrics.deliveredBatches += 1;
    return { delivered: records, stored: NOTHING, dropped: NOTHING, unstored: NOTHING };
  } catch (error) {
    const failedAt = new Set(failedPositions(records, error));
    const failed = records.filter((_, i) => failedAt.has(i));
    const delivered = records.filter((_, i) => !failedAt.has(i));
    metrics.deliveredRecords += delivered.length;
    if (error instanceof OperationTimeoutError && options.skipStoreOnTimeout) {
      // Test knob: the real router only logs a timeout (its message is empty there) and stores nothing.
      log('ERROR', ROOT_LOGGER, `Unexpected error during batch ingestion: ${error.message}`);
      metrics.droppedRecords += failed.length;
      return { delivered, stored: NOTHING, dropped: failed, unstored: NOTHING };
    }
    const cause =
      options.shutdownSignal.aborted && !(error instanceof CircuitBreakerOpenError)
        ? options.shutdownSignal.reason
        : error;
    return { ...(await persistFailure(failed, cause, options)), delivered };
  }
}

/** Logs why the batch failed, then stores it (records that never reached Sentinel, or failed there). */
export async function persistFailure(
  records: readonly SentinelRecord[],
  error: unknown,
  options: BatchRouterOptions,
): Promise<BatchOutcome> {
  const { log, metrics } = options;
  const message = error instanceof CircuitBreakerOpenError ? error.message : describeError(error);
  if (error instanceof CircuitBreakerOpenError)
    log('ERROR', ROOT_LOGGER, `Circuit breaker OPEN for Azure Sentinel: ${message}`);
  else if (error instanceof OperationTimeoutError || categorizeBatchError(error).startsWith('unknown_error'))
    log('ERROR', ROOT_LOGGER, `Unexpected error during batch ingestion: ${message}`);
  else log('ERROR', ROOT_LOGGER, `Azure ingestion error: ${message}`);
  metrics.failedBatches += 1;
  if (options.dropFailedBatches) {
    // Test knob: break the promise on purpose so the harness can prove its ledger catches it.
    metrics.droppedRecords += records.length;
    log('ERROR', ROOT_LOGGER, `Batch ${batchIdOf(records)} failed: ${message}`);
    return { delivered: NOTHING, stored: NOTHING, dropped: records, unstored: NOTHING };
  }
  return storeBatch(records, error, options);
}

/**
 * Writes the failed-batch file. When that fails, the ERROR names the batch, its size and the
 * error, never a record: the records may hold secrets, and the security check greps the log.
 */
export async function storeBatch(
  records: readonly SentinelRecord[],
  error: unknown,
  options: Pick<BatchRouterOptions, 'store' | 'log' | 'metrics' | 'clock' | 'unstorable'>,
): Promise<BatchOutcome> {
  const { log, metrics, store, clock } = options;
  const message = error instanceof CircuitBreakerOpenError ? error.message : describeError(error);
  const batchId = batchIdOf(records);
  try {
    await store.store(records, message, categorizeBatchError(error), clock.now());
  } catch (writeError) {
    const storeError = describeError(writeError);
    log(
      'ERROR',
      ROOT_LOGGER,
      `Failed to store failed batch ${batchId} (${records.length} records): ${storeError}. ` +
        `Make ${store.dir} a writable directory with free space.`,
    );
    // Test knob: the real router logs the unredacted batch here (connector-contract.md §2.1).
    if (options.unstorable?.logRecords === true)
      log('ERROR', ROOT_LOGGER, `Failed batch data: ${JSON.stringify({ batch_id: batchId, data: records })}`);
    log('ERROR', ROOT_LOGGER, `Batch ${batchId} failed: ${message}`);
    if (options.unstorable?.drop === true) {
      // Test knob: the real router drops it and carries on; nothing outside the log says so.
      metrics.droppedRecords += records.length;
      return { delivered: NOTHING, stored: NOTHING, dropped: records, unstored: NOTHING };
    }
    const unstoredBecause = { cause: error, storeError };
    return { delivered: NOTHING, stored: NOTHING, dropped: NOTHING, unstored: records, unstoredBecause };
  }
  metrics.failedRecords += records.length;
  log('INFO', ROOT_LOGGER, `Stored failed batch ${batchId} to local storage`);
  log('ERROR', ROOT_LOGGER, `Batch ${batchId} failed: ${message}`);
  return { delivered: NOTHING, stored: records, dropped: NOTHING, unstored: NOTHING };
}
