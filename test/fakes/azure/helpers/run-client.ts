/**
 * Runs one real SDK client in a child process with exactly the environment a connector would get,
 * and returns the JSON it prints on its last stdout line.
 *
 * @note A child process is the honest way to give Node SDKs the CA: `NODE_EXTRA_CA_CERTS` is read
 * once at process start, and the only in-process alternatives (patching global agents, passing a
 * custom `httpClient`) are client code changes the connector would not make.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const PYTHON = fileURLToPath(new URL('../../../../.venv/bin/python', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

export interface ClientRun<T> {
  readonly code: number | null;
  readonly result: T;
  readonly stderr: string;
}

/** A .ts client under test/fakes/azure/clients, run with `node --import tsx`. */
export function runNodeClient<T>(
  script: string,
  args: unknown,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ClientRun<T>> {
  const file = fileURLToPath(new URL(`../clients/${script}`, import.meta.url));
  return runJsonProcess<T>(process.execPath, ['--import', 'tsx', file, JSON.stringify(args)], env, timeoutMs);
}

/** A python/checks/*.py script run with the project venv. */
export function runPythonCheck<T>(
  script: string,
  args: unknown,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ClientRun<T>> {
  return runJsonProcess<T>(PYTHON, [`${REPO_ROOT}python/checks/${script}`, JSON.stringify(args)], env, timeoutMs);
}

function runJsonProcess<T>(
  command: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs: number,
): Promise<ClientRun<T>> {
  return new Promise((resolve, reject) => {
    // Only what a connector process would have: PATH/HOME for the runtime, then the fakes' block.
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `Failed to run ${args[args.length - 2]}: no exit after ${timeoutMs} ms. stderr: ${stderr.slice(-2_000)}`,
        ),
      );
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').at(-1) ?? '';
      try {
        resolve({ code, result: JSON.parse(last) as T, stderr });
      } catch {
        reject(
          new Error(
            `Failed to read the client's JSON result (exit ${code}): ` +
              `stdout=${stdout.slice(-1_000)} stderr=${stderr.slice(-2_000)}`,
          ),
        );
      }
    });
  });
}
