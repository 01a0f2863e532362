/**
 * The few mount operations the store faults need, run as the `mount` / `umount` commands (root
 * only). Mounts still in place when this Node process exits are unmounted from the 'exit' event,
 * synchronously: a harness that dies must not leave a read-only or full directory behind.
 */
import { execFileSync } from 'node:child_process';

const mounted = new Set<string>();
let installed = false;

function run(command: string, args: readonly string[]): void {
  try {
    execFileSync(command, args, { stdio: 'pipe' });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`${command} ${args.join(' ')} failed: ${stderr || (error as Error).message}`);
  }
}

function unmountAllSync(): void {
  for (const path of [...mounted].reverse()) {
    try {
      execFileSync('umount', ['-l', path], { stdio: 'ignore' });
    } catch {
      // Already gone.
    }
  }
  mounted.clear();
}

function track(path: string): void {
  if (!installed) {
    process.on('exit', unmountAllSync);
    installed = true;
  }
  mounted.add(path);
}

/** `dir` mounted over itself, read-only: its files stay visible, nothing can be written (root included). */
export function bindReadOnly(dir: string): void {
  run('mount', ['--bind', dir, dir]);
  track(dir);
  run('mount', ['-o', 'remount,ro,bind', dir]);
}

/** `source` mounted (bind) at `target`. */
export function bindMount(source: string, target: string): void {
  run('mount', ['--bind', source, target]);
  track(target);
}

/** A tmpfs of `sizeBytes` mounted at `dir`. */
export function mountTmpfs(dir: string, sizeBytes: number): void {
  run('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir]);
  track(dir);
}

/**
 * `lazy`: detached at once even while a process still has a file open in it (a target retrying a
 * write); new paths resolve to what lies beneath, and the mount goes when the last file closes.
 */
export function unmount(dir: string, options: { readonly lazy?: boolean } = {}): void {
  if (!mounted.has(dir)) return;
  run('umount', options.lazy === true ? ['-l', dir] : [dir]);
  mounted.delete(dir);
}

/** Unmounts everything still mounted, newest first (teardown). */
export function unmountAll(): void {
  for (const dir of [...mounted].reverse()) unmount(dir);
}

/** Whether mounts can be made here (root, with a `mount` command). */
export function canMount(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}
