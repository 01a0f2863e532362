/**
 * Spawns a binary under a small shell watchdog, in its own process group, so it dies with us:
 *
 *   node ──stdin pipe──▶ sh (group leader) ──▶ binary
 *                          └─ read stdin: EOF (node died, even by SIGKILL) ─▶ kill -KILL binary
 */
import { type ChildProcess, spawn } from 'node:child_process';

const OUTPUT_LINES_KEPT = 20;

// "$0" is the binary, "$@" its flags. fd 3 keeps node's end of the stdin pipe for the watchdog,
// because an asynchronous list in a non-interactive shell gets /dev/null as stdin. The shell
// forwards TERM and waits, so its exit (which node sees) means the binary has exited too,
// and every process of the group is reaped by its own parent.
const WATCHDOG_SCRIPT = [
  'exec 3<&0',
  '"$0" "$@" </dev/null 3<&- &',
  'child=$!',
  '{ read -r _ignored <&3; kill -KILL "$child"; } </dev/null >/dev/null 2>&1 &',
  'reader=$!',
  'exec 3<&-',
  'trap \'kill -TERM "$child" 2>/dev/null\' TERM INT HUP',
  'wait "$child"; status=$?',
  'while kill -0 "$child" 2>/dev/null; do wait "$child"; status=$?; done',
  'kill "$reader" 2>/dev/null',
  'exit "$status"',
].join('\n');

/** Signals every process of the group; a group that is already gone is fine. */
export function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Whether `promise` settles within `ms` (the timer is cleared either way). */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(resolve, ms, false);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface WatchedProcess {
  readonly child: ChildProcess;
  /** Resolves when the shell exits, which is after the binary has exited. */
  readonly exited: Promise<void>;
  /** Last lines of the binary's stdout and stderr. */
  readonly output: string[];
}

/** Starts `binaryPath args…` under the watchdog; `child.pid` is the process group id. */
export function spawnWatched(binaryPath: string, args: readonly string[]): WatchedProcess {
  const child = spawn('/bin/sh', ['-c', WATCHDOG_SCRIPT, binaryPath, ...args], {
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
  });
  const output: string[] = [];
  const keep = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      output.push(line);
      if (output.length > OUTPUT_LINES_KEPT) output.shift();
    }
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // We never write to stdin; it exists so its EOF tells the watchdog we are gone.
  child.stdin?.on('error', () => {});
  // A forgotten stop() must not keep the harness alive; the exit hook and the watchdog clean up.
  child.unref();
  for (const stream of [child.stdin, child.stdout, child.stderr])
    (stream as unknown as { unref?: () => void } | null)?.unref?.();
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', (error) => {
      output.push(`spawn error: ${error.message}`);
      resolve();
    });
  });
  return { child, exited, output };
}
