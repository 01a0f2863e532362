/**
 * Faults on the target's failed-batch store, the disk a connector falls back to when Sentinel
 * fails (the moment its last-resort code runs):
 *
 *   unwritable  the directory cannot be written: a read-only bind mount over it as root (root
 *               ignores permissions), `chmod a-w` otherwise. Files already there stay readable.
 *   full        writes fail with ENOSPC: a small tmpfs holding copies of the directory's files is
 *               mounted over it and filled. Clearing unmounts it from the directory first (still
 *               full), then copies what the target wrote there back onto the real one. Root only.
 *   vanish      the directory is removed. Files already stored are moved aside, not deleted, and
 *               come back on clear; the watcher is told, so their move is not read as archiving.
 *
 * Every fault is undone on clear and at teardown; mounts also on process exit (mounts.ts).
 */
import { chmod, cp, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { InfrastructureError, UsageError } from '../errors.js';
import { bindMount, bindReadOnly, canMount, mountTmpfs, unmount } from './mounts.js';
import type { StoreFault } from './store-fault-kinds.js';

/** Room for the files already stored; a filler then takes what is left. */
const FULL_TMPFS_BYTES = 4 * 1024 * 1024;
const FILLER = '.chaos-filler';

/** What the failed-batch watcher must know while a fault moves files the target did not move. */
export interface RemovalHold {
  holdRemovals(): void;
  releaseRemovals(): void;
}

export interface StoreFaults {
  inject(fault: StoreFault): Promise<void>;
  clear(): Promise<void>;
  active(): StoreFault | null;
}

export function createStoreFaults(dir: string | null, watcher: RemovalHold): StoreFaults {
  let active: { fault: StoreFault; undo: () => Promise<void> } | null = null;
  const faults: Record<StoreFault, (dir: string) => Promise<() => Promise<void>>> = {
    unwritable,
    full: (d) => full(d, watcher),
    vanish: (d) => vanish(d, watcher),
  };
  return {
    active: () => active?.fault ?? null,
    async inject(fault) {
      if (!dir)
        throw new UsageError(
          'Failed to inject a store fault: the target does not say where it stores failed batches. ' +
            'Use a target that declares its failed-batch directory, or remove the store_fault step.',
        );
      if (active) await this.clear();
      await mkdir(dir, { recursive: true });
      try {
        active = { fault, undo: await faults[fault](dir) };
      } catch (error) {
        if (error instanceof UsageError) throw error;
        const why = error instanceof Error ? error.message : String(error);
        throw new InfrastructureError(`Failed to inject store fault "${fault}" on ${dir}: ${why}.`, { cause: error });
      }
    },
    async clear() {
      const current = active;
      active = null;
      await current?.undo();
    },
  };
}

async function unwritable(dir: string): Promise<() => Promise<void>> {
  if (canMount()) {
    bindReadOnly(dir);
    return async () => unmount(dir, { lazy: true });
  }
  const { mode } = await stat(dir);
  await chmod(dir, 0o555);
  return () => chmod(dir, mode & 0o7777);
}

async function full(dir: string, watcher: RemovalHold): Promise<() => Promise<void>> {
  if (!canMount()) throw new UsageError('Failed to make the store full: this mounts a tmpfs, so it needs root.');
  const work = await mkdtemp(join(tmpdir(), 'chaos-store-full-'));
  const small = join(work, 'tmpfs');
  await mkdir(small);
  mountTmpfs(small, FULL_TMPFS_BYTES);
  await cp(dir, small, { recursive: true });
  await writeFile(join(small, FILLER), Buffer.alloc(FULL_TMPFS_BYTES)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOSPC') throw error;
  });
  bindMount(small, dir); // no moment without the files: the tmpfs already holds copies of them
  return async () => {
    // The tmpfs stays full until the target no longer sees it: a target that keeps retrying
    // would otherwise write into the freed room after the copy back, and lose those files.
    watcher.holdRemovals();
    try {
      unmount(dir, { lazy: true }); // the real directory again; the target writes there from now on
      await cp(small, dir, {
        recursive: true,
        force: false, // a file the target wrote since is newer than any copy
        filter: (source) => basename(source) !== FILLER,
      });
    } finally {
      unmount(small, { lazy: true });
      await rm(work, { recursive: true, force: true });
      watcher.releaseRemovals();
    }
  };
}

async function vanish(dir: string, watcher: RemovalHold): Promise<() => Promise<void>> {
  const aside = `${dir}.chaos-vanished`;
  watcher.holdRemovals();
  await rename(dir, aside);
  return async () => {
    // Whatever the target wrote meanwhile (it may have made the directory again) joins what was there.
    await mkdir(dir, { recursive: true });
    for (const name of await readdir(aside)) await rename(join(aside, name), join(dir, name));
    await rm(aside, { recursive: true, force: true });
    watcher.releaseRemovals();
  };
}
