/**
 * Runs a short helper command (git, python, pip) to completion and returns its output. Never
 * used for the connector itself (that is spawnTargetProcess): these are provisioning steps.
 */
import { execFile } from 'node:child_process';

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Set when the executable could not be started at all (ENOENT, EACCES). */
  readonly spawnError?: NodeJS.ErrnoException;
}

export interface RunCommandOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Wall ms before the command is killed; provisioning steps are bounded, not hopeful. */
  readonly timeoutMs?: number;
  /** Kills the command when aborted (Ctrl-C during a long build). */
  readonly signal?: AbortSignal;
}

/**
 * @example const { code, stdout } = await runCommand('git', ['-C', dir, 'rev-parse', 'HEAD']);
 */
export function runCommand(
  file: string,
  args: readonly string[],
  options: RunCommandOptions = {},
): Promise<CommandResult> {
  return new Promise((resolve) => {
    execFile(
      file,
      [...args],
      {
        cwd: options.cwd,
        env: options.env ? { ...options.env } : process.env,
        timeout: options.timeoutMs ?? 60_000,
        maxBuffer: 64 * 1024 * 1024,
        ...(options.signal ? { signal: options.signal } : {}),
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        const errno = error as (NodeJS.ErrnoException & { code?: string | number }) | null;
        if (errno && typeof errno.code === 'string') {
          resolve({ code: null, stdout: String(stdout ?? ''), stderr: String(stderr ?? ''), spawnError: errno });
          return;
        }
        const code = errno ? (typeof errno.code === 'number' ? errno.code : 1) : 0;
        resolve({ code, stdout: String(stdout ?? ''), stderr: String(stderr ?? '') });
      },
    );
  });
}

/** The last `lines` lines of a command's output, for error messages. */
export function tailOf(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}
