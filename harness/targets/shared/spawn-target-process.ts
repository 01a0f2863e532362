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
import { createLogRecordAssembler } from './log-record-assembler.js';

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

/** Wall ms without new output after which an open log record is considered complete. */
const RECORD_IDLE_FLUSH_MS = 30;
/** After exit, how long to wait for the pipes to drain (a grandchild may still hold them). */
const PIPE_DRAIN_MS = 1_000;

/** Like the assembler, but every non-empty line is its own record. */
function createLineSplitter(onLine: (line: string) => void): { push(chunk: string): void; flush(): void } {
  let partial = '';
  const emit = (raw: string): void => {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line !== '') onLine(line);
  };
  return {
    push(chunk: string): void {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(emit);
    },
    flush(): void {
      emit(partial);
      partial = '';
    },
  };
}

type LogListener = (record: string, stream: 'stdout' | 'stderr') => void;

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

  const listeners = new Set<LogListener>();
  const history: { record: string; stream: 'stdout' | 'stderr' }[] = [];
  const deliver = (record: string, stream: 'stdout' | 'stderr'): void => {
    history.push({ record, stream });
    for (const listener of listeners) listener(record, stream);
  };
  const assemblers = {
    // stdout carries only print() output (version, listening line, replay summary): one record a line.
    stdout: createLineSplitter((r) => deliver(r, 'stdout')),
    stderr: createLogRecordAssembler((r) => deliver(r, 'stderr'), { idleFlushMs: RECORD_IDLE_FLUSH_MS }),
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => assemblers.stdout.push(chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => assemblers.stderr.push(chunk));

  let hasExited = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (error) => {
      // 'exit' never fires when the executable could not be started at all.
      if (child.pid === undefined) {
        hasExited = true;
        deliver(
          `Failed to start target process: ${error.message}. Check that ${executable} exists and is executable.`,
          'stderr',
        );
        resolve({ code: 127, signal: null });
      }
    });
    child.once('exit', (code, signal) => {
      hasExited = true;
      const finish = (): void => {
        assemblers.stdout.flush();
        assemblers.stderr.flush();
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
    onLogRecord(listener: LogListener): () => void {
      // Replay what was already said, so a listener added after launch misses nothing.
      for (const { record, stream } of history) listener(record, stream);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop,
  };
}
