/**
 * The reading half of a cycle: for each new object, skip it if not eligible, download it, decode
 * it (gunzip) and parse it into records, logging every rejected line with its reason. A failed
 * download is retried next cycle; an object that cannot be decoded is rejected, since the same
 * bytes would come back.
 */
import type { Clock } from '../../../fakes/core/clock.js';
import { type ConnectorLog, ROOT_LOGGER } from './connector-logger.js';
import type { PipelineMetrics } from './metrics.js';
import { decodeObjectBody, UnreadableObjectError } from './object-body.js';
import type { ProgressStore } from './progress-store.js';
import { type ParseOptions, parseObjectText, type SentinelRecord } from './record-parser.js';
import { describeS3Error, ineligibilityReason, type ObjectSource, type S3ObjectInfo } from './s3-source.js';

/** One object's records on their way: counted down as each is delivered, stored or dropped. */
export interface ObjectWork {
  readonly info: S3ObjectInfo;
  readonly records: readonly SentinelRecord[];
  readonly rejected: number;
  /** Records not yet delivered, stored or dropped (held ones included). */
  remaining: number;
  delivered: number;
  stored: number;
  dropped: number;
  /** Some of its records went into a batch (so at shutdown the rest is persisted, not left). */
  touched: boolean;
}

export interface ReadObjectsOptions {
  readonly bucket: string;
  readonly s3: ObjectSource;
  readonly progress: ProgressStore;
  readonly clock: Clock;
  readonly log: ConnectorLog;
  readonly metrics: PipelineMetrics;
  readonly parse: ParseOptions;
  readonly stopSignal: AbortSignal;
  /** Test fault skip_unreadable_objects: a failed read yields an empty, finished object. */
  readonly skipUnreadableObjects?: boolean;
}

/** Objects read concurrently per cycle. */
const READ_CONCURRENCY = 4;

async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const work = (info: S3ObjectInfo, records: readonly SentinelRecord[], rejected: number): ObjectWork => ({
  info,
  records,
  rejected,
  remaining: records.length,
  delivered: 0,
  stored: 0,
  dropped: 0,
  touched: false,
});

/** Reads `objects`; returns the work for each one read (skipped and failed downloads have none). */
export async function readObjects(
  objects: readonly S3ObjectInfo[],
  options: ReadObjectsOptions,
): Promise<ObjectWork[]> {
  const { bucket, s3, progress, log, metrics } = options;
  const works: ObjectWork[] = [];
  await forEachLimited(objects, READ_CONCURRENCY, async (info) => {
    if (options.stopSignal.aborted) return;
    const reason = ineligibilityReason(info);
    if (reason !== null) {
      log('INFO', ROOT_LOGGER, `Skipping ${info.key}: ${reason}`);
      const { key, etag } = info;
      const counts = { records: 0, delivered: 0, stored: 0, rejected: 0 };
      await progress.markHandled({ key, etag, ...counts, skipped: true, handledAtMs: options.clock.now() });
      return;
    }
    let text: string;
    try {
      text = decodeObjectBody(info.key, await s3.read(bucket, info.key, options.stopSignal));
    } catch (error) {
      // Aborted by shutdown: not a failure; the object stays unhandled for the next start.
      if (options.stopSignal.aborted) return;
      if (error instanceof UnreadableObjectError) {
        log('WARNING', ROOT_LOGGER, `Dropping log due to unreadable object: ${error.message} (object ${info.key})`);
        metrics.rejectedRecords += 1;
        works.push(work(info, [], 1));
        return;
      }
      metrics.failedFiles += 1;
      log(
        'ERROR',
        ROOT_LOGGER,
        `S3 operation failed: ${describeS3Error(error)} (object ${info.key}; retried next cycle)`,
      );
      if (options.skipUnreadableObjects) works.push(work(info, [], 0));
      return;
    }
    metrics.processedFiles += 1;
    const parsed = parseObjectText(text, options.parse);
    for (const rejection of parsed.rejected) {
      const where = `(object ${info.key} line ${rejection.lineNumber})`;
      log('WARNING', ROOT_LOGGER, `Dropping log due to ${rejection.reason} ${where}`);
    }
    metrics.rejectedRecords += parsed.rejected.length;
    works.push(work(info, parsed.records, parsed.rejected.length));
  });
  return works;
}
