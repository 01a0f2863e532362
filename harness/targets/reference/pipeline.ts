/**
 * One ingestion cycle:
 *
 *   list bucket/prefix ─▶ skip handled (key+ETag) ─▶ read + parse each object ─▶ reject bad lines (logged)
 *        ─▶ batches of batchSize ─▶ routeBatch (breaker; failure → failed-batch file)
 *        ─▶ object handled once all its records are delivered / stored / rejected ─▶ progress.json
 *
 * When `stopSignal` aborts mid-cycle, no new batch starts: records of objects not yet touched are
 * left for the next start (their objects stay unhandled); records of an object that is partly
 * sent are persisted as a failed batch, so a restart neither loses nor duplicates them.
 */
import type { Clock } from '../../../fakes/core/clock.js';
import { ShutdownAbortError } from './azure-clients.js';
import { type BatchOutcome, type BatchRouterOptions, persistFailure, routeBatch } from './batch-router.js';
import { type ConnectorLog, PIPELINE_LOGGER, ROOT_LOGGER } from './connector-logger.js';
import type { PipelineMetrics } from './metrics.js';
import { decodeObjectBody } from './object-body.js';
import type { ProgressStore } from './progress-store.js';
import { type ParseOptions, parseObjectText, type SentinelRecord } from './record-parser.js';
import { describeS3Error, ineligibilityReason, type S3ObjectInfo, type S3Source } from './s3-source.js';

export interface PipelineOptions {
  readonly bucket: string;
  readonly prefix: string;
  readonly batchSize: number;
  readonly s3: S3Source;
  readonly progress: ProgressStore;
  readonly ignoreProgress: boolean;
  readonly parse: ParseOptions;
  readonly clock: Clock;
  readonly log: ConnectorLog;
  readonly metrics: PipelineMetrics;
  readonly router: BatchRouterOptions;
  /** Stop starting new work (SIGTERM). */
  readonly stopSignal: AbortSignal;
}

/** Objects read concurrently per cycle. */
const READ_CONCURRENCY = 4;

interface ObjectWork {
  readonly info: S3ObjectInfo;
  readonly records: readonly SentinelRecord[];
  readonly rejected: number;
  remaining: number;
  delivered: number;
  stored: number;
  touched: boolean;
  unpersisted: boolean;
}

interface Entry {
  readonly record: SentinelRecord;
  readonly object: ObjectWork;
}

async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export interface CycleSummary {
  readonly listed: number;
  readonly newObjects: number;
  readonly delivered: number;
  readonly stored: number;
  readonly rejected: number;
}

/** Runs one cycle. Throws only when listing fails (the whole cycle failed, as in the real connector). */
export async function runCycle(options: PipelineOptions): Promise<CycleSummary> {
  const { bucket, prefix, s3, progress, log, metrics } = options;
  metrics.cycles += 1;
  const listed = await s3.list(bucket, prefix, options.stopSignal);
  const fresh = listed.filter((o) => options.ignoreProgress || !progress.isHandled(o.key, o.etag));
  log('INFO', ROOT_LOGGER, `Found ${fresh.length} new objects in ${bucket}/${prefix}`);

  const works: ObjectWork[] = [];
  await mapLimited(fresh, READ_CONCURRENCY, async (info) => {
    if (options.stopSignal.aborted) return;
    const reason = ineligibilityReason(info);
    if (reason !== null) {
      log('INFO', ROOT_LOGGER, `Skipping ${info.key}: ${reason}`);
      await progress.markHandled({
        key: info.key,
        etag: info.etag,
        records: 0,
        delivered: 0,
        stored: 0,
        rejected: 0,
        skipped: true,
        handledAtMs: options.clock.now(),
      });
      return;
    }
    let text: string;
    try {
      text = decodeObjectBody(info.key, await s3.read(bucket, info.key, options.stopSignal));
    } catch (error) {
      // Aborted by shutdown: not a failure; the object stays unhandled for the next start.
      if (options.stopSignal.aborted) return;
      metrics.failedFiles += 1;
      log(
        'ERROR',
        ROOT_LOGGER,
        `S3 operation failed: ${describeS3Error(error)} (object ${info.key}; retried next cycle)`,
      );
      return;
    }
    metrics.processedFiles += 1;
    const parsed = parseObjectText(text, options.parse);
    for (const rejection of parsed.rejected) {
      log(
        'WARNING',
        ROOT_LOGGER,
        `Dropping log due to ${rejection.reason} (object ${info.key} line ${rejection.lineNumber})`,
      );
    }
    metrics.rejectedRecords += parsed.rejected.length;
    works.push({
      info,
      records: parsed.records,
      rejected: parsed.rejected.length,
      remaining: parsed.records.length,
      delivered: 0,
      stored: 0,
      touched: false,
      unpersisted: false,
    });
  });

  const finish = async (work: ObjectWork): Promise<void> => {
    if (work.unpersisted && !options.router.dropFailedBatches) return; // retried next cycle
    await progress.markHandled({
      key: work.info.key,
      etag: work.info.etag,
      records: work.records.length,
      delivered: work.delivered,
      stored: work.stored,
      rejected: work.rejected,
      handledAtMs: options.clock.now(),
    });
  };
  for (const work of works) if (work.remaining === 0) await finish(work);

  const queue: Entry[] = works.flatMap((object) => object.records.map((record) => ({ record, object })));
  let delivered = 0;
  let stored = 0;
  while (queue.length > 0) {
    let batch = queue.splice(0, options.batchSize);
    let shutdownPersist = false;
    if (options.stopSignal.aborted) {
      // Untouched objects wait for the next start; a partly sent object's rest is persisted now.
      batch = [...batch, ...queue.splice(0)].filter((e) => e.object.touched);
      if (batch.length === 0) break;
      shutdownPersist = true;
    }
    for (const entry of batch) entry.object.touched = true;
    const records = batch.map((e) => e.record);
    const outcome = shutdownPersist
      ? await routeAsShutdown(records, options)
      : await routeBatch(records, options.router);
    const deliveredSet = new Set(outcome.delivered);
    const storedSet = new Set(outcome.stored);
    for (const entry of batch) {
      const object = entry.object;
      object.remaining -= 1;
      if (deliveredSet.has(entry.record)) object.delivered += 1;
      else if (storedSet.has(entry.record)) object.stored += 1;
      else object.unpersisted = true;
      if (object.remaining === 0) await finish(object);
    }
    delivered += outcome.delivered.length;
    stored += outcome.stored.length;
  }
  return {
    listed: listed.length,
    newObjects: fresh.length,
    delivered,
    stored,
    rejected: works.reduce((n, w) => n + w.rejected, 0),
  };
}

/** Persists without calling Sentinel: shutdown arrived before this batch could start. */
async function routeAsShutdown(records: readonly SentinelRecord[], options: PipelineOptions): Promise<BatchOutcome> {
  // Not a breaker call: Sentinel was never asked, so nothing here says anything about its health.
  const reason = new ShutdownAbortError('Shutdown before upload; stored for replay');
  return { delivered: [], ...(await persistFailure(records, reason, options.router)) };
}

export { PIPELINE_LOGGER };
