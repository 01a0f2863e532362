/**
 * A virtual environment per connector requirements file, built once and reused: cached under
 * `.chaos/venvs/<hash>` by the sha256 of `requirements.txt` (and the interpreter's minor
 * version), with the runtime requirements installed from PyPI by pip.
 *
 *   hash(requirements, python x.y) ─▶ lock <hash>.lock ─▶ ready marker? ─yes─▶ reuse
 *                                                             └─no──▶ python -m venv
 *                                                                     ─▶ pip install -r ─▶ marker
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InfrastructureError } from '../../errors.js';
import { acquireFileLock } from '../shared/file-lock.js';
import { runCommand, tailOf } from '../shared/run-command.js';
import type { PythonInterpreter } from './find-python.js';

const READY_MARKER = '.chaos-ready.json';
/** Wall ms for `pip install -r`: a cold install of the connector's pins takes a few minutes. */
const PIP_INSTALL_TIMEOUT_MS = 20 * 60_000;
const VENV_CREATE_TIMEOUT_MS = 120_000;
/** How long a second run waits for another process that is building the same venv. */
const VENV_LOCK_TIMEOUT_MS = PIP_INSTALL_TIMEOUT_MS + VENV_CREATE_TIMEOUT_MS;

export interface ProvisionedVenv {
  readonly dir: string;
  /** `<dir>/bin/python` */
  readonly python: string;
  /** First 16 hex digits of sha256(requirements.txt + python x.y). */
  readonly hash: string;
  readonly reused: boolean;
}

export interface ProvisionVenvOptions {
  readonly requirementsPath: string;
  readonly interpreter: PythonInterpreter;
  /** Parent folder of the cached venvs, e.g. `<project>/.chaos/venvs`. */
  readonly cacheDir: string;
  readonly onProgress?: (line: string) => void;
}

export async function hashRequirements(requirementsPath: string, pythonVersion: string): Promise<string> {
  const content = await readFile(requirementsPath);
  const minor = pythonVersion.split('.').slice(0, 2).join('.');
  return createHash('sha256').update(content).update(`\npython ${minor}\n`).digest('hex').slice(0, 16);
}

/**
 * @example const venv = await provisionVenv({ requirementsPath, interpreter, cacheDir: '.chaos/venvs' });
 */
export async function provisionVenv(options: ProvisionVenvOptions): Promise<ProvisionedVenv> {
  const hash = await hashRequirements(options.requirementsPath, options.interpreter.version);
  const dir = join(options.cacheDir, hash);
  const python = join(dir, 'bin', 'python');
  await mkdir(options.cacheDir, { recursive: true });
  const lock = await acquireFileLock(`${dir}.lock`, {
    purpose: `the virtual environment ${dir}`,
    timeoutMs: VENV_LOCK_TIMEOUT_MS,
    onWait: (pid) => options.onProgress?.(`[python] waiting for pid ${pid}, which is building ${dir}`),
  });
  try {
    if (existsSync(join(dir, READY_MARKER)) && existsSync(python)) return { dir, python, hash, reused: true };
    await rm(dir, { recursive: true, force: true });
    options.onProgress?.(`[python] creating virtual environment ${dir}`);
    const created = await runCommand(options.interpreter.executable, ['-m', 'venv', dir], {
      timeoutMs: VENV_CREATE_TIMEOUT_MS,
    });
    if (created.code !== 0) {
      await rm(dir, { recursive: true, force: true });
      throw new InfrastructureError(
        `Failed to create a virtual environment with ${options.interpreter.executable}: ` +
          `${tailOf(created.stderr || created.stdout, 5)}. ` +
          'Install the venv module (Debian: apt-get install python3-venv).',
      );
    }
    options.onProgress?.(
      `[python] pip install -r ${options.requirementsPath} (first run only; cached by hash ${hash})`,
    );
    const installed = await runCommand(
      python,
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-r', options.requirementsPath],
      { timeoutMs: PIP_INSTALL_TIMEOUT_MS },
    );
    if (installed.code !== 0) {
      const output = tailOf(`${installed.stdout}\n${installed.stderr}`, 12);
      await rm(dir, { recursive: true, force: true });
      throw new InfrastructureError(
        `Failed to install the connector's requirements (pip exited ${installed.code ?? 'on timeout'}):\n` +
          `${output}\nCheck network access to PyPI (or PIP_INDEX_URL) and ${options.requirementsPath}.`,
      );
    }
    const marker = {
      hash,
      requirements: options.requirementsPath,
      python: options.interpreter.version,
      createdAt: new Date().toISOString(),
    };
    await writeFile(join(dir, READY_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
    return { dir, python, hash, reused: false };
  } finally {
    lock.release();
  }
}
