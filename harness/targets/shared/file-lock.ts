/**
 * A cross-process lock as an exclusively-created file holding the owner's pid. A lock whose
 * owner is no longer alive is stale and taken over, so a crashed run never blocks the next.
 *
 *   open(path, 'wx') ─ok─▶ held ─▶ release(): unlink (idempotent; also on process exit)
 *        └─EEXIST─▶ owner alive? ─no─▶ unlink stale, retry
 *                          └─yes─▶ wait pollMs, retry until timeoutMs ─▶ InfrastructureError
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { InfrastructureError } from '../../errors.js';

export interface FileLock {
  readonly path: string;
  /** Idempotent. */
  release(): void;
}

export interface AcquireFileLockOptions {
  /** What the lock protects, for messages: `the fixed ports 8080/9090`. */
  readonly purpose: string;
  readonly timeoutMs: number;
  readonly pollMs?: number;
  /** Called once when the lock is busy and we start waiting (progress output). */
  readonly onWait?: (ownerPid: number) => void;
  readonly signal?: AbortSignal;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): number {
  try {
    return Number.parseInt(readFileSync(path, 'utf8').split('\n')[0] ?? '', 10);
  } catch {
    return Number.NaN;
  }
}

function tryCreate(path: string): boolean {
  try {
    const fd = openSync(path, 'wx');
    writeSync(fd, `${process.pid}\n${new Date().toISOString()}\n`);
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * @example
 * const lock = await acquireFileLock('/tmp/x.lock', { purpose: 'the venv', timeoutMs: 60_000 });
 * try { … } finally { lock.release(); }
 */
export async function acquireFileLock(path: string, options: AcquireFileLockOptions): Promise<FileLock> {
  const pollMs = options.pollMs ?? 250;
  const deadline = Date.now() + options.timeoutMs;
  let announced = false;
  for (;;) {
    if (tryCreate(path)) break;
    const owner = readOwner(path);
    if (owner === process.pid) {
      throw new InfrastructureError(
        `Failed to lock ${options.purpose}: this process already holds ${path}. ` +
          'Dispose the previous prepared target first.',
      );
    }
    if (!isAlive(owner)) {
      // Stale: its owner died without releasing. Remove and race for it again.
      try {
        unlinkSync(path);
      } catch {
        /* another waiter removed it first */
      }
      continue;
    }
    if (!announced) {
      announced = true;
      options.onWait?.(owner);
    }
    if (options.signal?.aborted)
      throw new InfrastructureError(`Failed to lock ${options.purpose}: aborted while pid ${owner} held ${path}.`);
    if (Date.now() >= deadline) {
      const seconds = Math.round(options.timeoutMs / 1_000);
      throw new InfrastructureError(
        `Failed to lock ${options.purpose}: pid ${owner} has held ${path} for more than ${seconds} s. ` +
          `Wait for that run to finish, or stop it (kill ${owner}) and retry.`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }

  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    process.off('exit', release);
    if (readOwner(path) !== process.pid) return;
    try {
      unlinkSync(path);
    } catch {
      /* already gone */
    }
  };
  process.on('exit', release);
  return { path, release };
}
