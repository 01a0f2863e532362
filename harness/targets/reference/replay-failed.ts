/**
 * `replay-failed`: re-sends every top-level failed-batch file through a fresh breaker and archives
 * ONLY the files whose upload succeeded (the runbook's promise; the real connector archives every
 * file whatever happened). A file that fails again stays where it is, so nothing is lost and no
 * second copy is written.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Clock } from '../../../fakes/core/clock.js';
import { describeError, type UploadFn } from './azure-clients.js';
import { type CircuitBreaker, CircuitBreakerOpenError } from './circuit-breaker.js';
import { type ConnectorLog, ROOT_LOGGER } from './connector-logger.js';
import type { FailedBatchFile, FailedBatchStore } from './failed-batch-store.js';

export interface ReplaySummary {
  readonly processed: number;
  readonly archived: number;
  readonly failed: number;
}

export interface ReplayOptions {
  readonly store: FailedBatchStore;
  readonly breaker: CircuitBreaker;
  readonly upload: UploadFn;
  readonly clock: Clock;
  readonly log: ConnectorLog;
  /** Test knob: archive even failed files (the real connector's behaviour). */
  readonly archiveOnFailure: boolean;
  readonly stopSignal: AbortSignal;
}

async function readBatchFile(file: string): Promise<FailedBatchFile> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<FailedBatchFile>;
  if (!Array.isArray(parsed.data)) throw new Error(`'data' is not a list`);
  return parsed as FailedBatchFile;
}

export async function replayFailed(options: ReplayOptions): Promise<ReplaySummary> {
  const { store, breaker, upload, clock, log } = options;
  const files = await store.list();
  let archived = 0;
  let failed = 0;
  let processed = 0;
  for (const file of files) {
    if (options.stopSignal.aborted) break;
    processed += 1;
    let ok = false;
    try {
      const batch = await readBatchFile(file);
      await breaker.call((signal) => upload(batch.data, signal));
      ok = true;
      log(
        'INFO',
        ROOT_LOGGER,
        `Replayed failed batch ${batch.batch_id} (${batch.data.length} records) from ${basename(file)}`,
      );
    } catch (error) {
      const message = error instanceof CircuitBreakerOpenError ? error.message : describeError(error);
      log('ERROR', ROOT_LOGGER, `Replay of ${basename(file)} failed, file kept for the next replay: ${message}`);
    }
    if (ok || options.archiveOnFailure) {
      await store.archive(file, clock.now());
      archived += 1;
    }
    if (!ok) failed += options.archiveOnFailure ? 0 : 1;
  }
  return { processed, archived, failed };
}
