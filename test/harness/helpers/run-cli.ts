/** Runs `cli/scenario.ts` as a child process, as `npm run scenario` does. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliRun {
  readonly child: ChildProcess;
  /** Resolves with the exit code and everything printed. */
  readonly done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  /** Resolves when stderr matches `pattern` (rejects if the child exits first). */
  waitForStderr(pattern: RegExp): Promise<RegExpExecArray>;
}

export function runCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): CliRun {
  const child = spawn(process.execPath, ['--import', 'tsx', 'cli/scenario.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, CONNECTOR_DIR: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: (m: RegExpExecArray) => void }[] = [];
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const waiter of [...waiters]) {
      const match = waiter.pattern.exec(stderr);
      if (match) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(match);
      }
    }
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return {
    child,
    done,
    waitForStderr: (pattern) =>
      new Promise((resolve, reject) => {
        const match = pattern.exec(stderr);
        if (match) return resolve(match);
        waiters.push({ pattern, resolve });
        void done.then(() => reject(new Error(`CLI exited before printing ${pattern}:\n${stderr}`)));
      }),
  };
}
