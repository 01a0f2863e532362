/**
 * The run's full evidence, streamed to files next to the result file as it arrives, so a long
 * run keeps none of it in memory (the result file keeps only an excerpt):
 *
 *   <out>/<id>.target.log       every log record of every target process, each line prefixed
 *                               `[run]`/`[replay-failed]` like `logExcerpt`, in arrival order
 *   <out>/<id>.journal.ndjson   every journal entry of the fakes, one JSON object a line, plus
 *                               `targetMs`: its start in target ms from time zero
 *
 * @example
 * const artifacts = await openRunArtifacts(bus, outDir, scenario.id);
 * bus.rebase(); artifacts.markTimeZero();
 * const files = await artifacts.close(); // { targetLog, journal } or null if writing failed
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEntry } from '../../fakes/core/types.js';
import type { EventBus } from '../observe/event-bus.js';
import type { ResultArtifacts } from '../result/result-schema.js';

export interface RunArtifacts {
  /** File names, relative to the output directory. */
  readonly files: ResultArtifacts;
  /**
   * Time zero is set (call right after `bus.rebase()`). Journal entries that arrived before it
   * were held (start-up only: a handful) so their `targetMs` counts from the same zero.
   */
  markTimeZero(): void;
  /** Stops listening, writes what is held, closes both files. Idempotent; null when writing failed. */
  close(): Promise<ResultArtifacts | null>;
  /** Closes and deletes both files (the run ended in a usage error: no result file either). */
  discard(): Promise<void>;
}

export async function openRunArtifacts(bus: EventBus, outDir: string, scenarioId: string): Promise<RunArtifacts> {
  await mkdir(outDir, { recursive: true });
  const files: ResultArtifacts = { targetLog: `${scenarioId}.target.log`, journal: `${scenarioId}.journal.ndjson` };
  let failure: unknown;
  const open = (name: string): WriteStream =>
    createWriteStream(join(outDir, name)).on('error', (error) => (failure ??= error));
  const logStream = open(files.targetLog);
  const journalStream = open(files.journal);
  let held: JournalEntry[] | null = [];

  const writeEntry = (entry: JournalEntry): void => {
    // The fakes stamp epoch ms on the wall clock; the bus origin is time zero on the same clock.
    const targetMs = Math.round((entry.startedAtMs - bus.wallOrigin()) * bus.timeScale);
    journalStream.write(`${JSON.stringify({ ...entry, targetMs })}\n`);
  };
  const flushHeld = (): void => {
    if (held === null) return;
    for (const entry of held) writeEntry(entry);
    held = null;
  };
  const unsubscribe = bus.subscribe((event) => {
    if (failure !== undefined) return;
    if (event.type === 'log:record') {
      logStream.write(
        `${event.record
          .split('\n')
          .map((line) => `[${event.command}${event.replica ? ` r${event.replica}` : ''}] ${line}`)
          .join('\n')}\n`,
      );
    } else if (event.type === 'request:completed') {
      if (held !== null) held.push(event.entry);
      else writeEntry(event.entry);
    }
  });

  let closed: Promise<ResultArtifacts | null> | undefined;
  const close = (): Promise<ResultArtifacts | null> =>
    (closed ??= (async () => {
      unsubscribe();
      flushHeld();
      await Promise.all([end(logStream), end(journalStream)]);
      return failure === undefined ? files : null;
    })());
  return {
    files,
    markTimeZero: flushHeld,
    close,
    async discard() {
      await close();
      await Promise.all(Object.values(files).map((name) => rm(join(outDir, name), { force: true })));
    },
  };
}

function end(stream: WriteStream): Promise<void> {
  if (stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('error', () => resolve());
    stream.end(() => resolve());
  });
}
