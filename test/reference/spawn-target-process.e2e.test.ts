import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnTargetProcess } from '../../harness/targets/shared/spawn-target-process.js';
import type { TargetProcess } from '../../harness/targets/target.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/echo-target.ts', import.meta.url));

async function waitForRecord(proc: TargetProcess, pattern: RegExp, timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no log record matching ${pattern} within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = proc.onLogRecord((record) => {
      if (!pattern.test(record)) return;
      clearTimeout(timer);
      queueMicrotask(() => unsubscribe());
      resolve(record);
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('spawnTargetProcess', () => {
  it('runs a tsx script from another cwd with exactly the env given and assembles multi-line records', async () => {
    const proc = spawnTargetProcess({
      command: 'run',
      file: FIXTURE,
      args: ['polite', 'x'],
      env: { ONLY_THIS: '1' },
      cwd: '/',
    });
    try {
      const envRecord = await waitForRecord(proc, /^env /);
      const env = JSON.parse(envRecord.slice(4).split('\n')[0]!) as Record<string, string>;
      // Node itself may add nothing but what we passed (no PATH, no NODE_OPTIONS from vitest).
      expect(Object.keys(env).filter((k) => k !== 'ONLY_THIS')).toEqual([]);
      expect(await waitForRecord(proc, /^argv /)).toContain('["polite","x"]');
      expect(await waitForRecord(proc, /Batch abc failed/)).toMatch(/Code: 503\nMessage: fault$/);
      expect(proc.command).toBe('run');
    } finally {
      await proc.stop();
    }
    expect(await proc.exited).toEqual({ code: 0, signal: null });
    await proc.stop(); // idempotent
  });

  it('SIGKILLs the whole process group when SIGTERM is ignored past the grace period', async () => {
    const proc = spawnTargetProcess({ command: 'run', file: FIXTURE, args: ['stubborn'], env: {}, cwd: '/' });
    try {
      const grandchildPid = Number((await waitForRecord(proc, /^grandchild \d+/)).split(' ')[1]);
      expect(isAlive(grandchildPid)).toBe(true);
      const started = Date.now();
      await proc.stop(300);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      expect((await proc.exited).signal).toBe('SIGKILL');
      const deadline = Date.now() + 5_000;
      while (isAlive(grandchildPid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(isAlive(grandchildPid)).toBe(false);
    } finally {
      await proc.stop(0);
    }
  });

  it('reports an executable that cannot start as exit 127 with a clear record', async () => {
    const proc = spawnTargetProcess({ command: 'ingest', file: '/nonexistent/python', args: [], env: {}, cwd: '/' });
    const records: string[] = [];
    proc.onLogRecord((r) => records.push(r));
    expect(await proc.exited).toEqual({ code: 127, signal: null });
    expect(records.join('\n')).toMatch(/Failed to start target process/);
    await proc.stop();
  });
});
