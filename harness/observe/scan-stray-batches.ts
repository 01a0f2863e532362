/**
 * Watches where failed batches must NOT go: the target's working directories, outside the
 * configured failed-batch directory. A connector that ignores its configured path and writes
 * `./failed_batches` anyway looks correct to a harness that watches only the path it writes to;
 * this scan lets the report say where files really went (`batch-file:stray`).
 *
 * A stray file is a `.json` file whose name or folder mentions "fail", found at most a few levels
 * down. Periodic, not fs.watch: Linux has no cheap recursive watch, and the folders are small.
 */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { EventBus } from './event-bus.js';
import { readBatchFile } from './watch-failed-batches.js';

const MAX_DEPTH = 4;
const SKIPPED_DIRS = new Set(['node_modules', '.venv', 'venv', '__pycache__', 'site-packages', '.git']);
const LOOKS_FAILED = /fail/i;

export interface StrayBatchScanner {
  rescan(): Promise<void>;
  stop(): Promise<void>;
}

export interface ScanStrayBatchesOptions {
  readonly identify: (record: Readonly<Record<string, unknown>>) => string | null;
  readonly rescanMs?: number;
}

export function scanStrayBatches(
  roots: readonly string[],
  configuredDir: string,
  bus: EventBus,
  options: ScanStrayBatchesOptions,
): StrayBatchScanner {
  const reported = new Set<string>();
  let scanning: Promise<void> = Promise.resolve();
  const isConfigured = (path: string): boolean => {
    const rel = relative(configuredDir, path);
    return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep));
  };

  // Only the path below the root counts: the root itself is named after the scenario
  // (`chaos-auth-failure-…`), which must not make every JSON file in it look like a failed batch.
  const walk = async (root: string, dir: string, depth: number, found: string[]): Promise<void> => {
    if (depth > MAX_DEPTH || isConfigured(dir)) return;
    let entries: import('node:fs').Dirent[];
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return; // not there (yet), or removed
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) await walk(root, path, depth + 1, found);
      else if (entry.isFile() && entry.name.endsWith('.json') && LOOKS_FAILED.test(relative(root, path)))
        found.push(path);
    }
  };

  const scanOnce = async (): Promise<void> => {
    const found: string[] = [];
    for (const root of roots) await walk(root, root, 0, found);
    for (const path of found.sort()) {
      if (reported.has(path) || isConfigured(path)) continue;
      const content = await readBatchFile(path, options.identify);
      if (content === null) continue; // half-written: next scan
      reported.add(path);
      bus.emit({ type: 'batch-file:stray', path, recordIds: content.recordIds });
    }
  };
  const rescan = (): Promise<void> => (scanning = scanning.then(scanOnce, scanOnce));
  const timer = setInterval(() => void rescan(), options.rescanMs ?? 500);
  timer.unref();

  return {
    rescan,
    async stop() {
      clearInterval(timer);
      await scanning.catch(() => undefined);
    },
  };
}
