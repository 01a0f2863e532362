/**
 * `replay-failed`: re-sends every top-level failed-batch file through a fresh breaker and archives
 * a file ONLY when all its records were delivered (the runbook's promise; the real connector
 * archives every readable file whatever happened). A file whose upload fails stays where it is,
 * so nothing is lost and no second copy is written; after a partial upload it keeps only the
 * records that did not arrive, so the next replay does not send the others twice.
 */
import { basename } from 'node:path';
import type { Clock } from '../../../fakes/core/clock.js';
import { describeError, type UploadFn } from './azure-clients.js';
import { type CircuitBreaker, CircuitBreakerOpenError } from './circuit-breaker.js';
import { type ConnectorLog, ROOT_LOGGER } from './connector-logger.js';
import type { FailedBatchFile, FailedBatchStore } from './failed-batch-store.js';
import { redactSourceIp } from './real-redaction.js';
import type { ReplaySummary } from './replay-report.js';
import { failedPositions } from './upload-failures.js';

export type { ReplaySummary } from './replay-report.js';

export interface ReplayOptions {
  readonly store: Pick<FailedBatchStore, 'list' | 'read' | 'archive' | 'keepOnly'>;
  readonly breaker: CircuitBreaker;
  readonly upload: UploadFn;
  readonly clock: Clock;
  readonly log: ConnectorLog;
  /** Test knob: archive a file even when its upload failed (the real connector's behaviour). */
  readonly archiveOnFailure: boolean;
  /** Test knob: send SourceIP redacted, as the real connector's files hold it. */
  readonly alterOnReplay: boolean;
  readonly stopSignal: AbortSignal;
}

type FileOutcome = 'archived' | 'kept';

export async function replayFailed(options: ReplayOptions): Promise<ReplaySummary> {
  let processed = 0;
  let archived = 0;
  let failed = 0;
  for (const file of await options.store.list()) {
    if (options.stopSignal.aborted) break;
    processed += 1;
    if ((await replayFile(file, options)) === 'archived') archived += 1;
    else failed += 1;
  }
  return { processed, archived, failed };
}

async function replayFile(file: string, options: ReplayOptions): Promise<FileOutcome> {
  const { store, log, clock } = options;
  const name = basename(file);
  let batch: FailedBatchFile;
  try {
    batch = await store.read(file);
  } catch (error) {
    log('ERROR', ROOT_LOGGER, `Failed to read failed batch ${name}: ${describeError(error)}. Fix or move the file.`);
    return 'kept';
  }
  const sent = options.alterOnReplay ? batch.data.map(redactSourceIp) : batch.data;
  try {
    await options.breaker.call((signal) => options.upload(sent, signal));
  } catch (error) {
    const message = error instanceof CircuitBreakerOpenError ? error.message : describeError(error);
    if (options.archiveOnFailure) {
      // Test knob: the real connector archives the file although its records did not arrive.
      log('ERROR', ROOT_LOGGER, `Replay of ${name} failed, archiving it anyway: ${message}`);
      await store.archive(file, clock.now());
      return 'archived';
    }
    log('ERROR', ROOT_LOGGER, `Replay of ${name} failed, file kept for the next replay: ${message}`);
    const failedAt = failedPositions(sent, error);
    if (failedAt.length < batch.data.length)
      await store.keepOnly(
        file,
        batch,
        failedAt.map((i) => batch.data[i] as Record<string, unknown>),
      );
    return 'kept';
  }
  log('INFO', ROOT_LOGGER, `Replayed failed batch ${batch.batch_id} (${batch.data.length} records) from ${name}`);
  try {
    await store.archive(file, clock.now());
    return 'archived';
  } catch (error) {
    log(
      'ERROR',
      ROOT_LOGGER,
      `Failed to archive ${name}: ${describeError(error)}. Its records were delivered: ` +
        'move the file into archived/ by hand, or the next replay sends them again.',
    );
    return 'kept';
  }
}
