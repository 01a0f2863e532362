/**
 * Starts a connector process the way every target needs it: its own process group (so stop()
 * reaches grandchildren too), exactly the environment given, and log records assembled from
 * both streams.
 *
 *   spawn(detached) ─▶ stderr ─▶ LogRecordAssembler ─┬─▶ onLogRecord listeners (history replayed)
 *                    └▶ stdout ─▶ one record per line ─┘
 *        │
 *        └── stop(graceMs): SIGTERM to -pgid ─▶ wait exit ≤ graceMs ─▶ SIGKILL to -pgid
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { TargetCommand, TargetProcess } from '../target.js';
import { createProcessLog } from './process-log.js';

export interface SpawnTargetProcessOptions {
  /** Recorded as `TargetProcess.command`; NOT added to `args` (pass it there yourself). */
  readonly command: TargetCommand;
  /**
   * A `.ts`/`.mts` script (run with this Node and the project's tsx loader), a `.js`/`.mjs`
   * script (run with this Node), or any executable (e.g. a venv python), run as-is.
   */
  readonly file: string;
  readonly args: readonly string[];
  /** The child's whole environment: nothing of the parent's is inherited. */
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
}

/** After exit, how long to wait for the pipes to drain (a grandchild may still hold them). */
const PIPE_DRAIN_MS = 1_000;

/** Absolute file URL of tsx's ESM loader, so `--import` works from any cwd. */
export function resolveTsxLoaderUrl(): string {
  return pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
}

function commandLine(file: string, args: readonly string[]): { executable: string; argv: string[] } {
  if (/\.(c|m)?ts$/.test(file))
    return { executable: process.execPath, argv: ['--import', resolveTsxLoaderUrl(), file, ...args] };
  if (/\.(c|m)?js$/.test(file)) return { executable: process.execPath, argv: [file, ...args] };
  return { executable: file, argv: [...args] };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    // ESRCH: the group is already gone, which is what we wanted.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * @example
 * const proc = spawnTargetProcess({ command: 'ingest', file: '/abs/harness/targets/reference/main.ts',
 *   args: ['ingest', '--config', '/tmp/run/config.json'], env: fakes.env, cwd: '/tmp/run' });
 * proc.onLogRecord((record, stream) => console.log(stream, record));
 * const { code } = await proc.exited;
 */
export function spawnTargetProcess(options: SpawnTargetProcessOptions): TargetProcess {
  const { executable, argv } = commandLine(options.file, options.args);
  const child = spawn(executable, argv, {
    cwd: options.cwd,
    env: { ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  const log = createProcessLog();
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => log.push('stdout', chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => log.push('stderr', chunk));

  let hasExited = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (error) => {
      // 'exit' never fires when the executable could not be started at all.
      if (child.pid === undefined) {
        hasExited = true;
        log.push(
          'stderr',
          `Failed to start target process: ${error.message}. Check that ${executable} exists and is executable.\n`,
        );
        log.flush();
        resolve({ code: 127, signal: null });
      }
    });
    child.once('exit', (code, signal) => {
      hasExited = true;
      const finish = (): void => {
        log.flush();
        resolve({ code, signal });
      };
      if (child.stdout.closed && child.stderr.closed) return finish();
      const drainTimer = setTimeout(finish, PIPE_DRAIN_MS);
      child.once('close', () => {
        clearTimeout(drainTimer);
        finish();
      });
    });
  });

  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 5_000): Promise<void> => {
    stopping ??= (async () => {
      if (!hasExited) {
        signalGroup(child, 'SIGTERM');
        let graceTimer: NodeJS.Timeout | undefined;
        const graceOver = new Promise<'timeout'>((resolve) => {
          graceTimer = setTimeout(() => resolve('timeout'), graceMs);
        });
        const outcome = await Promise.race([exited.then(() => 'exited' as const), graceOver]);
        clearTimeout(graceTimer);
        if (outcome === 'timeout') signalGroup(child, 'SIGKILL');
      }
      // Whatever the leader did, leave no grandchild behind in its group.
      signalGroup(child, 'SIGKILL');
      await exited;
    })();
    return stopping;
  };

  return {
    pid: child.pid ?? -1,
    command: options.command,
    exited,
    // Replays what was already said, so a listener added after launch misses nothing.
    onLogRecord: (listener) => log.onLogRecord(listener),
    stop,
  };
}
