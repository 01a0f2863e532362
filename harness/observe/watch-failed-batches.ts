/**
 * Watches a target's failed-batch store: a file appearing at the top level is a batch persisted
 * (`batch-file:created`, with the record ids in its `data`), a file leaving the top level is a
 * batch archived by replay (`batch-file:archived`), and a file gone because its whole store was
 * replaced (a recreated container) is `batch-file:vanished`. Periodic listings give certainty;
 * a host directory also wakes the watcher through fs.watch.
 *
 * A replica's files are reported as `r<n>/<file>`, since two replicas may write the same name.
 */
import { readFile } from 'node:fs/promises';
import { replicaLabel } from '../domain/replica.js';
import type { FailedBatchSource } from '../targets/target.js';
import type { EventBus } from './event-bus.js';
import { type HostDirSource, hostDirSource } from './host-dir-source.js';

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
  /** The replica whose store this is, when the target runs several. */
  readonly replica?: number;
}

/**
 * @example const watcher = watchFailedBatches('/tmp/run/connector/failed_batches', bus, { identify });
 */
export function watchFailedBatches(
  store: string | FailedBatchSource,
  bus: EventBus,
  options: WatchFailedBatchesOptions,
): FailedBatchWatcher {
  const hostDir: HostDirSource | null = typeof store === 'string' ? hostDirSource(store) : null;
  const source: FailedBatchSource = hostDir ?? (store as FailedBatchSource);
  const { replica } = options;
  const prefix = replica === undefined ? '' : `${replicaLabel(replica)}/`;
  const tag = replica === undefined ? {} : { replica };
  const known = new Map<string, readonly string[]>();
  let knownGeneration = source.generation();
  let stopped = false;
  let scanning: Promise<void> = Promise.resolve();
  let removalsHeld = false;

  const scanOnce = async (): Promise<void> => {
    const entries = await source.list().catch(() => null);
    if (entries === null) return;
    const generation = source.generation();
    const present = new Set(entries.map((e) => prefix + e.name));
    for (const entry of [...entries].sort((a, b) => a.name.localeCompare(b.name))) {
      const file = prefix + entry.name;
      if (known.has(file)) continue;
      const content = parseBatchFile(await entry.read(), options.identify);
      if (content === null) continue; // Half-written (non-atomic writer): read it on the next scan.
      known.set(file, content.recordIds);
      bus.emit({ type: 'batch-file:created', file, ...content, ...tag });
    }
    const replaced = generation !== knownGeneration;
    for (const file of [...known.keys()]) {
      if (present.has(file) || (removalsHeld && !replaced)) continue;
      known.delete(file);
      if (replaced) {
        const why = `its store was replaced (${source.describe()}): the process was recreated with a fresh filesystem`;
        bus.emit({ type: 'batch-file:vanished', file, why, ...tag });
      } else bus.emit({ type: 'batch-file:archived', file, ...tag });
    }
    knownGeneration = generation;
  };

  // Scans are serialised so a file is never reported twice.
  const rescan = (): Promise<void> => (scanning = scanning.then(scanOnce, scanOnce));
  hostDir?.onChange(() => !stopped && void rescan());
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
      hostDir?.close();
      await scanning.catch(() => undefined);
    },
  };
}

/** Several watchers as one (one per replica). */
export function combineWatchers(watchers: readonly FailedBatchWatcher[]): FailedBatchWatcher {
  return {
    rescan: async () => {
      await Promise.all(watchers.map((w) => w.rescan()));
    },
    waiting: () => new Map(watchers.flatMap((w) => [...w.waiting()])),
    holdRemovals: () => {
      for (const w of watchers) w.holdRemovals();
    },
    releaseRemovals: () => {
      for (const w of watchers) w.releaseRemovals();
    },
    stop: async () => {
      await Promise.all(watchers.map((w) => w.stop()));
    },
  };
}

/** A failed-batch file on this machine, read and parsed (null when unreadable or not valid JSON). */
export async function readBatchFile(
  path: string,
  identify: WatchFailedBatchesOptions['identify'],
): Promise<{ recordIds: string[]; writtenAtMs: number | null } | null> {
  return parseBatchFile(await readFile(path, 'utf8').catch(() => null), identify);
}

/** Record ids in a failed-batch file's `data` and its `timestamp`, or null when it is not (yet) valid JSON. */
export function parseBatchFile(
  text: string | null,
  identify: WatchFailedBatchesOptions['identify'],
): { recordIds: string[]; writtenAtMs: number | null } | null {
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as { data?: unknown; timestamp?: unknown };
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
