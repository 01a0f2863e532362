/**
 * Finds the Python interpreter that builds the connector's virtual environment. The connector
 * needs Python 3.11 or later (asyncio.TaskGroup, connector-contract.md §1.2).
 */
import { InfrastructureError } from '../../errors.js';
import { runCommand } from '../shared/run-command.js';

export const MIN_PYTHON: readonly [number, number] = [3, 11];

export interface PythonInterpreter {
  readonly executable: string;
  /** `3.11.7` */
  readonly version: string;
}

/**
 * `CHAOS_PYTHON` (an executable path or name) wins; otherwise `python3` on PATH.
 *
 * @example const python = await findPython(); // { executable: 'python3', version: '3.11.7' }
 */
export async function findPython(env: NodeJS.ProcessEnv = process.env): Promise<PythonInterpreter> {
  const executable = env.CHAOS_PYTHON?.trim() || 'python3';
  const result = await runCommand(executable, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])'], {
    timeoutMs: 30_000,
  });
  if (result.spawnError || result.code !== 0) {
    const reason = result.spawnError
      ? `${result.spawnError.code ?? 'error'} starting "${executable}"`
      : `"${executable}" exited ${result.code}: ${result.stderr.trim()}`;
    throw new InfrastructureError(
      `Failed to find Python for the python target: ${reason}. ` +
        `Install Python ${MIN_PYTHON.join('.')}+ or set CHAOS_PYTHON to its path.`,
    );
  }
  const version = result.stdout.trim();
  const [major, minor] = version.split('.').map(Number) as [number, number];
  if (major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])) {
    throw new InfrastructureError(
      `Failed to find Python for the python target: "${executable}" is Python ${version}, ` +
        `the connector needs ${MIN_PYTHON.join('.')}+. Install a newer Python or set CHAOS_PYTHON to one.`,
    );
  }
  return { executable, version };
}
