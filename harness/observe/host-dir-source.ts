/**
 * A failed-batch store that is a directory on this machine (the reference and python targets):
 * read with readdir/readFile, with fs.watch for promptness. The directory may not exist until the
 * target's first failure, so the watch is (re)tried on every listing.
 */
import { type FSWatcher, watch } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FailedBatchSource } from '../targets/target.js';

export interface HostDirSource extends FailedBatchSource {
  /** Calls `onChange` whenever the directory changes (best effort); undone by `close()`. */
  onChange(listener: () => void): void;
  close(): void;
}

export function hostDirSource(dir: string): HostDirSource {
  let watcher: FSWatcher | undefined;
  let closed = false;
  const listeners = new Set<() => void>();
  const ensureWatch = (): void => {
    if (watcher || closed) return;
    try {
      watcher = watch(dir, () => {
        for (const listener of listeners) listener();
      });
      watcher.on('error', () => undefined);
    } catch {
      // Not created yet; periodic listings still cover it.
    }
  };
  return {
    describe: () => dir,
    generation: () => 0,
    async list() {
      let names: string[];
      try {
        names = (await readdir(dir)).filter((name) => name.endsWith('.json'));
      } catch {
        // Not created yet (the target creates it on the first failure), or gone: nothing waits there.
        names = [];
      }
      ensureWatch();
      return names.map((name) => ({
        name,
        read: () => readFile(join(dir, name), 'utf8').catch(() => null),
      }));
    },
    onChange: (listener) => listeners.add(listener),
    close() {
      closed = true;
      watcher?.close();
    },
  };
}
