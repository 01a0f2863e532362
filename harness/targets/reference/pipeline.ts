/**
 * The ingestion cycles of one process, and what outlives a cycle (batches held in memory):
 *
 *   retry held batches ─▶ list bucket/prefix ─▶ skip handled (key+ETag) and held objects
 *        ─▶ readObjects (download, gunzip, parse; bad lines rejected with a logged reason)
 *        ─▶ batches of batchSize ─▶ routeBatch (breaker; failure → failed-batch file)
 *        ─▶ file not writable: batch held, routed again next cycle
 *        ─▶ object handled once all its records are delivered / stored / rejected ─▶ progress.json
 *
 * When `stopSignal` aborts mid-cycle, no new batch starts: records of objects not yet touched are
 * left for the next start (their objects stay unhandled); records of an object that is partly
 * sent are persisted as a failed batch, so a restart neither loses nor duplicates them.
 */
import type { Clock } from '../../../fakes/core/clock.js';
import { ShutdownAbortError } from './azure-clients.js';
import { type BatchOutcome, type BatchRouterOptions, persistFailure, routeBatch, storeBatch } from './batch-router.js';
import { type ConnectorLog, ROOT_LOGGER } from './connector-logger.js';
import { batchIdOf } from './failed-batch-store.js';
import { HeldBatches } from './held-batches.js';
import type { PipelineMetrics } from './metrics.js';
import type { ProgressStore } from './progress-store.js';
import { type ObjectWork, readObjects } from './read-objects.js';
import type { ParseOptions, SentinelRecord } from './record-parser.js';
import type { ObjectSource, S3ObjectInfo } from './s3-source.js';

export interface PipelineOptions {
  readonly bucket: string;
  readonly prefix: string;
  readonly batchSize: number;
  readonly s3: ObjectSource;
  readonly progress: ProgressStore;
  readonly ignoreProgress: boolean;
  /** Test fault skip_unreadable_objects: a failed S3 read marks the object done. */
  readonly skipUnreadableObjects?: boolean;
  readonly parse: ParseOptions;
  readonly clock: Clock;
  readonly log: ConnectorLog;
  readonly metrics: PipelineMetrics;
  readonly router: BatchRouterOptions;
  /** Stop starting new work (SIGTERM). */
  readonly stopSignal: AbortSignal;
}

export interface CycleSummary {
  readonly listed: number;
  readonly newObjects: number;
  /** Records parsed from this cycle's objects (rejected lines are not records). */
  readonly records: number;
  readonly rejected: number;
  /** Records delivered, stored and dropped (by a test knob) this cycle, held batches' retries included. */
  readonly delivered: number;
  readonly stored: number;
  readonly dropped: number;
}

interface Entry {
  readonly record: SentinelRecord;
  readonly object: ObjectWork;
}

const SHUTDOWN_BEFORE_UPLOAD = new ShutdownAbortError('Shutdown before upload; stored for replay');
const objectId = (info: S3ObjectInfo): string => `${info.key}\u0000${info.etag}`;
const recordsOf = (entries: readonly Entry[]): SentinelRecord[] => entries.map((e) => e.record);

export class Pipeline {
  private readonly held = new HeldBatches<Entry>();
  /** Objects with held records: not handled yet, and not read again while this process holds them. */
  private readonly holding = new Set<string>();
  private tally = { delivered: 0, stored: 0, dropped: 0 };

  constructor(private readonly options: PipelineOptions) {}

  get progress(): ProgressStore {
    return this.options.progress;
  }

  /** Records held because their failed batch could not be stored, why, and the /ready reason. */
  get unstored(): { readonly records: number; readonly storeError: string | null; readonly reason: string | null } {
    return { records: this.held.itemCount, storeError: this.held.storeError, reason: this.held.reason() };
  }

  /** Runs one cycle. Throws only when listing fails (the whole cycle failed, as in the real connector). */
  async runCycle(): Promise<CycleSummary> {
    const { bucket, prefix, s3, progress, log, metrics } = this.options;
    metrics.cycles += 1;
    this.tally = { delivered: 0, stored: 0, dropped: 0 };
    await this.retryHeld();
    const listed = await s3.list(bucket, prefix, this.options.stopSignal);
    const fresh = listed.filter(
      (o) => !this.holding.has(objectId(o)) && (this.options.ignoreProgress || !progress.isHandled(o.key, o.etag)),
    );
    log('INFO', ROOT_LOGGER, `Found ${fresh.length} new objects in ${bucket}/${prefix}`);
    const works = await readObjects(fresh, this.options);
    for (const work of works) if (work.remaining === 0) await this.finish(work);
    await this.routeAll(works.flatMap((object) => object.records.map((record) => ({ record, object }))));
    return {
      listed: listed.length,
      newObjects: fresh.length,
      records: works.reduce((n, w) => n + w.records.length, 0),
      rejected: works.reduce((n, w) => n + w.rejected, 0),
      ...this.tally,
    };
  }

  /** At exit: one last try to store what is held. Returns how many records are still unstored. */
  async storeHeld(): Promise<number> {
    for (const batch of this.held.take())
      await this.settle(
        batch.items,
        await storeBatch(recordsOf(batch.items), batch.because.cause, this.options.router),
      );
    return this.held.itemCount;
  }

  private async retryHeld(): Promise<void> {
    for (const batch of this.held.take()) {
      if (this.options.stopSignal.aborted) {
        this.held.hold(batch.items, batch.because);
        continue;
      }
      const records = recordsOf(batch.items);
      this.options.log('INFO', ROOT_LOGGER, `Retrying held batch ${batchIdOf(records)} (${records.length} records)`);
      await this.settle(batch.items, await routeBatch(records, this.options.router));
    }
  }

  private async routeAll(queue: Entry[]): Promise<void> {
    while (queue.length > 0) {
      let batch = queue.splice(0, this.options.batchSize);
      let atShutdown = false;
      if (this.options.stopSignal.aborted) {
        // Untouched objects wait for the next start; a partly sent object's rest is persisted now.
        batch = [...batch, ...queue.splice(0)].filter((e) => e.object.touched);
        if (batch.length === 0) break;
        atShutdown = true;
      }
      for (const entry of batch) entry.object.touched = true;
      // Shutdown came before this batch's upload: stored without asking Sentinel, so not a breaker call.
      const outcome = atShutdown
        ? await persistFailure(recordsOf(batch), SHUTDOWN_BEFORE_UPLOAD, this.options.router)
        : await routeBatch(recordsOf(batch), this.options.router);
      await this.settle(batch, outcome);
    }
  }

  /** Credits each record's object; holds what could not be stored; finishes objects with nothing left. */
  private async settle(batch: readonly Entry[], outcome: BatchOutcome): Promise<void> {
    const delivered = new Set(outcome.delivered);
    const stored = new Set(outcome.stored);
    const dropped = new Set(outcome.dropped);
    const unstored: Entry[] = [];
    const done = new Set<ObjectWork>();
    for (const entry of batch) {
      const { record, object } = entry;
      if (delivered.has(record)) object.delivered += 1;
      else if (stored.has(record)) object.stored += 1;
      else if (dropped.has(record)) object.dropped += 1;
      else {
        unstored.push(entry);
        this.holding.add(objectId(object.info));
        continue;
      }
      object.remaining -= 1;
      if (object.remaining === 0) done.add(object);
    }
    this.tally.delivered += outcome.delivered.length;
    this.tally.stored += outcome.stored.length;
    this.tally.dropped += outcome.dropped.length;
    const because = outcome.unstoredBecause ?? { cause: undefined, storeError: 'unknown store failure' };
    this.held.hold(unstored, because);
    for (const object of done) await this.finish(object);
  }

  private async finish(object: ObjectWork): Promise<void> {
    this.holding.delete(objectId(object.info));
    const { key, etag } = object.info;
    await this.options.progress.markHandled({
      key,
      etag,
      records: object.records.length,
      delivered: object.delivered,
      stored: object.stored,
      rejected: object.rejected,
      handledAtMs: this.options.clock.now(),
    });
  }
}
