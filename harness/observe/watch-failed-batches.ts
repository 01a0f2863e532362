/**
 * Watches the target's failed-batch directory: a file appearing at the top level is a batch
 * persisted (`batch-file:created`, with the record ids in its `data`), a file leaving the top
 * level is a batch archived by replay (`batch-file:archived`). fs.watch gives promptness; a
 * periodic rescan gives certainty (fs.watch can coalesce or miss events, and the directory may
 * not exist until the first failure).
 */
import { type FSWatcher, watch } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EventBus } from './event-bus.js';

export interface FailedBatchWatcher {
  /** Scans now; resolves when every change found has been emitted. */
  rescan(): Promise<void>;
  /** Top-level files currently waiting (name → record ids). */
  waiting(): ReadonlyMap<string, readonly string[]>;
  /** While held, files leaving the directory are not reported: the harness moved them, not the target. */
  holdRemovals(): void;
  releaseRemovals(): void;
  stop(): Promise<void>;
}

export interface WatchFailedBatchesOptions {
  /** Recognises a stored record as a seeded one (records/record-identity.ts). */
  readonly identify: (record: Readonly<Record<string, unknown>>) => string | null;
  readonly rescanMs?: number;
}

export function watchFailedBatches(dir: string, bus: EventBus, options: WatchFailedBatchesOptions): FailedBatchWatcher {
  const known = new Map<string, readonly string[]>();
  let watcher: FSWatcher | undefined;
  let stopped = false;
  let scanning: Promise<void> = Promise.resolve();
  let removalsHeld = false;

  const scanOnce = async (): Promise<void> => {
    let names: string[];
    try {
      names = (await readdir(dir)).filter((name) => name.endsWith('.json'));
    } catch {
      // Not created yet (the target creates it on the first failure), or gone: report what left.
      names = [];
    }
    if (!watcher && !stopped) {
      try {
        watcher = watch(dir, () => void rescan());
        watcher.on('error', () => undefined);
      } catch {
        // Rescans still cover it.
      }
    }
    const present = new Set(names);
    for (const name of names.sort()) {
      if (known.has(name)) continue;
      const content = await readBatchFile(join(dir, name), options.identify);
      if (content === null) continue; // Half-written (non-atomic writer): read it on the next scan.
      known.set(name, content.recordIds);
      bus.emit({
        type: 'batch-file:created',
        file: name,
        recordIds: content.recordIds,
        writtenAtMs: content.writtenAtMs,
      });
    }
    for (const name of [...known.keys()]) {
      if (!present.has(name) && !removalsHeld) {
        known.delete(name);
        bus.emit({ type: 'batch-file:archived', file: name });
      }
    }
  };

  // Scans are serialised so a file is never reported twice.
  const rescan = (): Promise<void> => (scanning = scanning.then(scanOnce, scanOnce));
  const timer = setInterval(() => void rescan(), options.rescanMs ?? 200);
  timer.unref();
  void rescan();

  return {
    rescan,
    waiting: () => known,
    holdRemovals() {
      removalsHeld = true;
    },
    releaseRemovals() {
      removalsHeld = false;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      watcher?.close();
      await scanning.catch(() => undefined);
    },
  };
}

/** Record ids in a failed-batch file's `data` and its `timestamp`, or null when it is not (yet) valid JSON. */
export async function readBatchFile(
  path: string,
  identify: WatchFailedBatchesOptions['identify'],
): Promise<{ recordIds: string[]; writtenAtMs: number | null } | null> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as { data?: unknown; timestamp?: unknown };
    const data = Array.isArray(parsed.data) ? parsed.data : [];
    const recordIds = data.flatMap((record) => {
      const id = typeof record === 'object' && record !== null ? identify(record as Record<string, unknown>) : null;
      return id === null ? [] : [id];
    });
    const writtenAtMs = typeof parsed.timestamp === 'string' ? Date.parse(parsed.timestamp) : Number.NaN;
    return { recordIds, writtenAtMs: Number.isFinite(writtenAtMs) ? writtenAtMs : null };
  } catch {
    return null;
  }
}
