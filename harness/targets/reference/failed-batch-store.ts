/**
 * Failed-batch files in the real connector's name and JSON shape (connector-contract.md §2.4),
 * written atomically (tmp + rename) so a reader never sees half a file.
 *
 * @note Unlike the real connector, `data` is NOT PII-redacted: the reference promises lossless
 * replay, and a redacted record (`SourceIP: "[REDACTED:IPV4]"`) can never be replayed as it was.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, parse } from 'node:path';
import type { SentinelRecord } from './record-parser.js';

export interface FailedBatchFile {
  readonly batch_id: string;
  /** ISO UTC with `+00:00`, like Python's `datetime.isoformat()`. */
  readonly timestamp: string;
  readonly error: string;
  readonly error_category: string;
  readonly retry_count: number;
  readonly data: readonly Record<string, unknown>[];
}

/** MD5 of the batch content: identical content gives the same id, as in the real router. */
export function batchIdOf(records: readonly Record<string, unknown>[]): string {
  return createHash('md5').update(JSON.stringify(records)).digest('hex');
}

/** `2026-11-27T02:33:50.501786+00:00`; the microseconds carry a per-process counter so names never collide. */
function pythonIsoTimestamp(epochMs: number, micros: number): string {
  const iso = new Date(epochMs).toISOString(); // 2026-11-27T02:33:50.501Z
  return `${iso.slice(0, 23)}${String(micros).padStart(3, '0')}+00:00`;
}

/** tmp + rename in the same directory, so a reader never sees half a file. */
async function writeAtomically(path: string, body: FailedBatchFile): Promise<void> {
  const { dir, base } = parse(path);
  const tmp = join(dir, `.${base}.${process.pid}.tmp`);
  await writeFile(tmp, `${JSON.stringify(body, null, 2)}\n`);
  await rename(tmp, path);
}

export class FailedBatchStore {
  private sequence = 0;

  constructor(readonly dir: string) {}

  /** Writes one file and returns its path. Throws when the directory is not writable. */
  async store(
    records: readonly SentinelRecord[] | readonly Record<string, unknown>[],
    error: string,
    errorCategory: string,
    nowMs: number,
  ): Promise<{ path: string; batchId: string }> {
    await mkdir(this.dir, { recursive: true });
    const batchId = batchIdOf(records as readonly Record<string, unknown>[]);
    this.sequence = (this.sequence + 1) % 1_000;
    const timestamp = pythonIsoTimestamp(nowMs, this.sequence);
    const body: FailedBatchFile = {
      batch_id: batchId,
      timestamp,
      error,
      error_category: errorCategory,
      retry_count: 0,
      data: records as readonly Record<string, unknown>[],
    };
    const path = join(this.dir, `failed-batch-${batchId}-${timestamp.replaceAll(':', '-')}.json`);
    await writeAtomically(path, body);
    return { path, batchId };
  }

  /** The file's batch, or throws saying what is wrong with it (never quoting it: it holds records). */
  async read(file: string): Promise<FailedBatchFile> {
    const text = await readFile(file, 'utf8');
    let parsed: Partial<FailedBatchFile>;
    try {
      parsed = JSON.parse(text) as Partial<FailedBatchFile>;
    } catch {
      throw new Error('not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || !Array.isArray(parsed.data))
      throw new Error(`'data' is not a list`);
    return parsed as FailedBatchFile;
  }

  /**
   * Rewrites a file in place with only `data` (the records a partial replay did not deliver), so
   * the next replay neither loses them nor sends the delivered ones again. Name and id stay: they
   * say which file this is, not what it still holds.
   */
  async keepOnly(file: string, batch: FailedBatchFile, data: readonly Record<string, unknown>[]): Promise<void> {
    await writeAtomically(file, { ...batch, data });
  }

  /** Top-level `*.json` files, sorted (what `replay-failed` and the gauges see). */
  async list(): Promise<string[]> {
    try {
      const names = await readdir(this.dir, { withFileTypes: true });
      return names
        .filter((e) => e.isFile() && e.name.endsWith('.json'))
        .map((e) => join(this.dir, e.name))
        .sort();
    } catch (error) {
      // No directory (or a file in its place, so storing fails too): no file is waiting.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return [];
      throw error;
    }
  }

  /** Deletes every waiting file; returns how many (the `forget_queue_on_restart` test knob only). */
  async discardAll(): Promise<number> {
    const files = await this.list();
    await Promise.all(files.map((file) => rm(file, { force: true })));
    return files.length;
  }

  /** Count and age of the oldest waiting file (seconds, by the file's own timestamp, else its mtime). */
  async gauges(nowMs: number): Promise<{ files: number; oldestAgeSeconds: number }> {
    const files = await this.list();
    let oldestMs = Number.POSITIVE_INFINITY;
    for (const file of files) {
      try {
        const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<FailedBatchFile>;
        const ms = typeof parsed.timestamp === 'string' ? Date.parse(parsed.timestamp) : Number.NaN;
        oldestMs = Math.min(oldestMs, Number.isNaN(ms) ? (await stat(file)).mtimeMs : ms);
      } catch {
        // A file that vanished (archived) or is unreadable between list and read: not waiting.
      }
    }
    return {
      files: files.length,
      oldestAgeSeconds: Number.isFinite(oldestMs) ? Math.max(0, (nowMs - oldestMs) / 1_000) : 0,
    };
  }

  /** Moves a file to `archived/<stem>-<YYYYmmddTHHMMSSZ>.json` (real connector's naming). */
  async archive(file: string, nowMs: number): Promise<string> {
    const archivedDir = join(this.dir, 'archived');
    await mkdir(archivedDir, { recursive: true });
    const stamp = new Date(nowMs)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}Z$/, 'Z');
    const target = join(archivedDir, `${parse(file).name}-${stamp}.json`);
    await rename(file, target);
    return target;
  }
}
